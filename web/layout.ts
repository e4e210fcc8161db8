/**
 * The page shell shared by every page: Vietnamese, phone first, one stylesheet, no script.
 */
import type { StatusCode } from '../domain/status';
import { html, type Html } from './html';
import { statusWithReason } from '../vocabulary';

export interface PageOptions {
  title: string;
  /** Leadership pages show the navigation; officials' action pages do not. */
  nav?: boolean;
  /** Whose pages these are, in the header: `Ban Dân vận Huyện ủy Lục Ngạn` (the plan's monitor). */
  org?: string;
}

export function page(opts: PageOptions, body: Html): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${opts.title} · dondoc</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header class="top"><span class="brand">${opts.org ?? 'Ban Dân vận'}</span><span class="org">Theo dõi thực hiện Kế hoạch</span>${
    opts.nav ? html`<nav><a href="/board">Bảng theo dõi</a></nav>` : null
  }</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}

/** Symbols that tell the statuses apart without colour. */
const STATUS_MARKS: Record<StatusCode, string> = {
  'done-on-time': '✓',
  'done-late': '✓',
  open: '○',
  overdue: '!',
  waived: '–',
  closed: '×',
};

export function statusMark(status: StatusCode): string {
  return STATUS_MARKS[status];
}

/** The status as a coloured label with its Vietnamese words (and why it stopped, when it did). */
export function statusChip(status: StatusCode, reason?: string): Html {
  return html`<span class="chip s-${status}"><span aria-hidden="true">${statusMark(status)}</span> ${statusWithReason(status, reason)}</span>`;
}
