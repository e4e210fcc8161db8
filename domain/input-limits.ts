/**
 * Longest text accepted in each field of a resolution (Update validators, web forms).
 */
export const INPUT_LIMITS = { by: 200, position: 200, note: 2000, evidence: 500, reason: 1000 } as const;
export type LimitedField = keyof typeof INPUT_LIMITS;
