/**
 * The Vietnamese calendar core: local dates, the lunar calendar, public holidays and
 * working days. Pure and deterministic (safe in Temporal workflow code).
 */
export * from './local-date';
export * from './lunar';
export * from './holidays';
export * from './working-calendar';
