import { randomBytes } from 'node:crypto';

/** The random tail that keeps two drills started in the same second apart (domain/drill.ts). */
export const drillTail = (): string => randomBytes(2).toString('hex');
