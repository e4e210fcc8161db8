import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The custom search attributes that make the Temporal UI a working console for dondoc.
 * Registered on every server the project starts (embedded dev server, test dev server,
 * docker-compose) from this one list. SQL visibility allows 10 Keyword and 3 of each other
 * type per namespace; this list stays well inside that.
 */
export const SA = {
  /** `planner`, `occurrence` or `mailbox` (a morning digest). */
  kind: defineSearchAttributeKey('DondocKind', SearchAttributeType.KEYWORD),
  plan: defineSearchAttributeKey('DondocPlan', SearchAttributeType.KEYWORD),
  obligation: defineSearchAttributeKey('DondocObligation', SearchAttributeType.KEYWORD),
  unit: defineSearchAttributeKey('DondocUnit', SearchAttributeType.KEYWORD),
  owner: defineSearchAttributeKey('DondocOwner', SearchAttributeType.KEYWORD_LIST),
  period: defineSearchAttributeKey('DondocPeriod', SearchAttributeType.KEYWORD),
  /** Stable status code: open, done-on-time, done-late, overdue, waived, closed. */
  status: defineSearchAttributeKey('DondocStatus', SearchAttributeType.KEYWORD),
  due: defineSearchAttributeKey('DondocDue', SearchAttributeType.DATETIME),
  resolvedAt: defineSearchAttributeKey('DondocResolvedAt', SearchAttributeType.DATETIME),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);
