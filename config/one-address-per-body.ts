/**
 * A directory whose every body has one real (non-placeholder) address, `<body id>@<domain>`:
 * SMTP never sends to placeholders, so the tests that read what arrived and the benchmarks
 * that send a whole morning give each body one address of a domain of their own.
 */
import type { Config } from '../domain/model';

/** `base` with one contact per body at `domain`, unless `override` names another address for it. */
export function withOneAddressPerBody(base: Config, domain: string, override: Record<string, string> = {}): Config {
  return {
    ...base,
    directory: {
      ...base.directory,
      bodies: base.directory.bodies.map((b) => ({
        ...b,
        contacts: [{ name: 'Nguyễn Văn An', role: 'Chánh Văn phòng', email: override[b.id] ?? `${b.id}@${domain}`, placeholder: false }],
      })),
    },
  };
}
