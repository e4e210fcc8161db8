/** Test directories with changed escalation chains. */
import type { Config } from '../../domain/model';

/** `base` with the given bodies' supervisors replaced, e.g. an administrative line UBND xã → UBND huyện. */
export function withSupervisors(base: Config, supervisors: Record<string, string[]>): Config {
  return {
    ...base,
    directory: { ...base.directory, bodies: base.directory.bodies.map((b) => (supervisors[b.id] ? { ...b, supervisors: supervisors[b.id]! } : b)) },
  };
}

/** The shipped directory with UBND xã Biên Sơn under UBND huyện Lục Ngạn first: an administrative superior. */
export const ADMINISTRATIVE_LINE = { 'ubnd-bien-son': ['ubnd-huyen', 'ban-dan-van'] };
