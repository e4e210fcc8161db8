/**
 * What a document officials read must not contain (writing.md): software words — the
 * platform, the program, its identifiers and attribute names, "the system" — and tasks
 * counted in "kỳ" (a period), which the report counts in "lượt" or "nhiệm vụ".
 */
export const SOFTWARE_WORDS = /temporal|workflow|dondoc|search attribute|thuộc tính tìm kiếm|hệ thống(?! chính trị)|occ\/|planner|undefined|NaN|\[object/iu;

/** `31 kỳ`, `số kỳ`, `các kỳ`: "kỳ" used as a count; "Kỳ" as a column of periods is fine. */
export const TASKS_COUNTED_IN_KY = /(?:\d+|số|các|mỗi|những)\s+kỳ(?!\p{L})/iu;
