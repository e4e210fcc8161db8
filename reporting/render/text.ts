/**
 * The report as Markdown, HTML (one self-contained page) and CSV (one row per occurrence,
 * the data behind every figure; UTF-8 with a BOM so that spreadsheet programs read the
 * diacritics). Markdown and HTML lay out the same ReportDocument as the DOCX, in the same
 * order: draft mark, heading, title, body, Nơi nhận and signature, annex.
 */
import { localDateOfInstant } from '../../domain/calendar/local-date';
import type { PlanIndex } from '../../domain/occurrences';
import { workingDaysLate, type AnnualReport } from '../aggregate';
import { FIELD_WORDS, STATUS_WORDS, type Block, type ReportDocument } from '../document';
import { clauseRefVi, escapeHtml, formatVi, handedOverWords } from '../../vocabulary';

// ─── Markdown ────────────────────────────────────────────────────────────────

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mdBlock(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${b.level === 1 ? '##' : '###'} ${b.text}`;
    case 'paragraph':
      return b.text;
    case 'item':
      return `- ${b.text}`;
    case 'fill':
      return `*${b.text}*`;
    case 'caption':
      return `**${b.text}**`;
    case 'note':
      return `<small>${b.text}</small>`;
    case 'table': {
      const align = b.columns.map((c) => (c.align === 'center' ? ':---:' : c.align === 'right' ? '---:' : '---'));
      const row = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
      return [
        row(b.columns.map((c) => c.title)),
        `|${align.join('|')}|`,
        ...b.rows.map((r) =>
          row(
            r.flatMap((c) => {
              const text = c.bold && c.text ? `**${c.text}**` : c.italic && c.text ? `*${c.text}*` : c.text;
              return [text, ...Array<string>((c.span ?? 1) - 1).fill('')];
            }),
          ),
        ),
      ].join('\n');
    }
  }
}

/** Consecutive items make one list: no blank line between them. */
function mdBlocks(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b, i) => (b.type === 'item' && blocks[i + 1]?.type === 'item' ? [mdBlock(b)] : [mdBlock(b), '']));
}

export function renderMarkdown(doc: ReportDocument): string {
  const h = doc.heading;
  const sig = doc.signature;
  return [
    `**${doc.draftMark}**`,
    '',
    `${h.superior}  \n**${h.issuer}**  \n\\*  \n${h.number}`,
    '',
    `**<u>${h.party}</u>**  \n*${h.placeDate}*`,
    '',
    `# ${doc.kind}`,
    '',
    `**${doc.subject}**`,
    '',
    ...mdBlocks(doc.blocks),
    '**Nơi nhận:**',
    '',
    ...doc.recipients.map((r) => `- ${r}`),
    '',
    ...sig.lines.map((l) => `**${l}**  `),
    '',
    sig.nameMissing ? `*${sig.name}*` : `**${sig.name}**`,
    '',
    '---',
    '',
    `## ${doc.annex.title}`,
    '',
    `**${doc.annex.subject}**  \n*${doc.annex.attachedTo}*`,
    '',
    ...mdBlocks(doc.annex.blocks),
  ].join('\n');
}

// ─── HTML ────────────────────────────────────────────────────────────────────

function htmlBlock(b: Block): string {
  switch (b.type) {
    case 'heading':
      return b.level === 1 ? `<h2>${escapeHtml(b.text)}</h2>` : `<h3>${escapeHtml(b.text)}</h3>`;
    case 'paragraph':
      return `<p class="body">${escapeHtml(b.text)}</p>`;
    case 'item':
      return `<p class="body">- ${escapeHtml(b.text)}</p>`;
    case 'fill':
      return `<p class="body fill">${escapeHtml(b.text)}</p>`;
    case 'caption':
      return `<p class="caption">${escapeHtml(b.text)}</p>`;
    case 'note':
      return `<p class="note">${escapeHtml(b.text)}</p>`;
    case 'table': {
      const total = b.columns.reduce((n, c) => n + c.width, 0);
      const cols = b.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(1)}%">`).join('');
      const head = b.columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r
              .map((c, i) => {
                const align = c.align ?? (c.span ? 'left' : b.columns[i]?.align) ?? 'left';
                let text = escapeHtml(c.text);
                if (c.italic) text = `<i>${text}</i>`;
                if (c.bold) text = `<b>${text}</b>`;
                return `<td class="${align}"${c.span ? ` colspan="${c.span}"` : ''}>${text}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('\n');
      return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
  }
}

const CSS = `
body { font-family: "Times New Roman", Times, serif; font-size: 14pt; max-width: 165mm; margin: 15mm auto; line-height: 1.35; color: #000; }
.draft { text-align: right; } .draft b { border: 1.5px solid #000; padding: 1px 6px; font-size: 13pt; }
.head { display: flex; justify-content: space-between; text-align: center; margin-bottom: 18px; }
.head .left { width: 42%; } .head .right { width: 56%; }
.head .party { font-weight: bold; font-size: 15pt; } .head .issuer { font-weight: bold; }
.head .place { font-style: italic; margin-top: 6px; }
h1 { text-align: center; font-size: 15pt; margin: 12px 0 0; }
.subject { text-align: center; font-weight: bold; margin: 0 0 4px; }
.rule { text-align: center; margin-bottom: 12px; }
h2 { font-size: 14pt; margin: 14px 0 6px; text-indent: 1cm; } h3 { font-size: 14pt; font-style: italic; margin: 10px 0 6px; text-indent: 1cm; }
p.body { text-align: justify; text-indent: 1cm; margin: 6px 0; } p.fill { font-style: italic; }
p.caption { font-weight: bold; margin: 14px 0 4px; }
p.note { font-size: 12pt; font-style: italic; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; margin: 6px 0 10px; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; } th { font-weight: bold; text-align: center; }
td.center { text-align: center; } td.right { text-align: right; }
.end { display: flex; justify-content: space-between; margin-top: 18px; }
.end .to { width: 48%; font-size: 12pt; } .end .to u { font-size: 14pt; }
.end .to ul { list-style: none; padding: 0; margin: 0; } .end .sign { width: 48%; text-align: center; font-weight: bold; }
.end .sign .name { margin-top: 90px; } .end .sign .name.missing { font-weight: normal; font-style: italic; }
.annex { break-before: page; border-top: 1px solid #000; margin-top: 36px; padding-top: 18px; text-align: center; }
.annex .title { font-weight: bold; } .annex .subject { font-weight: bold; } .annex .with { font-style: italic; }
`;

export function renderHtml(doc: ReportDocument): string {
  const h = doc.heading;
  const sig = doc.signature;
  const a = doc.annex;
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>${escapeHtml(`${doc.kind} ${doc.subject}`)}</title><style>${CSS}</style></head>
<body>
<div class="draft"><b>${escapeHtml(doc.draftMark)}</b></div>
<div class="head">
<div class="left"><div>${escapeHtml(h.superior)}</div><div class="issuer">${escapeHtml(h.issuer)}</div><div>*</div><div>${escapeHtml(h.number)}</div></div>
<div class="right"><div class="party"><u>${escapeHtml(h.party)}</u></div><div class="place">${escapeHtml(h.placeDate)}</div></div>
</div>
<h1>${escapeHtml(doc.kind)}</h1>
<p class="subject">${escapeHtml(doc.subject)}</p>
<div class="rule">-----</div>
${doc.blocks.map(htmlBlock).join('\n')}
<div class="end">
<div class="to"><u>Nơi nhận:</u><ul>${doc.recipients.map((r) => `<li>- ${escapeHtml(r)}</li>`).join('')}</ul></div>
<div class="sign">${sig.lines.map(escapeHtml).join('<br>')}<div class="name${sig.nameMissing ? ' missing' : ''}">${escapeHtml(sig.name)}</div></div>
</div>
<div class="annex"><div class="title">${escapeHtml(a.title)}</div><div class="subject">${escapeHtml(a.subject)}</div><div class="with">${escapeHtml(a.attachedTo)}</div><div class="rule">-----</div></div>
${a.blocks.map(htmlBlock).join('\n')}
</body>
</html>
`;
}

// ─── CSV ─────────────────────────────────────────────────────────────────────

/**
 * One CSV cell. Text that a spreadsheet would take for a formula (it begins with =, +, -, @,
 * a tab or a carriage return: evidence typed as `=HYPERLINK(…)`) is neutralised with a leading
 * apostrophe, so it shows as typed and never runs; numbers stay numbers.
 */
export const csvField = (v: string | number | undefined) => {
  const text = v === undefined ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${text}` : text;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const CSV_COLUMNS = [
  FIELD_WORDS.id,
  FIELD_WORDS.obligation,
  FIELD_WORDS.clause,
  FIELD_WORDS.unit,
  FIELD_WORDS.owner,
  FIELD_WORDS.period,
  `${FIELD_WORDS.due} theo Kế hoạch`,
  FIELD_WORDS.due,
  `Mã ${FIELD_WORDS.status.toLocaleLowerCase('vi')}`,
  FIELD_WORDS.status,
  'Ngày hoàn thành hoặc kết thúc',
  'Số ngày làm việc quá hạn',
  'Minh chứng',
  'Số liệu',
  'Đạt chỉ tiêu',
  'Chuyển giao',
] as const;

export function renderCsv(index: PlanIndex, report: AnnualReport): string {
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  for (const f of report.facts) {
    const o = index.obligations.get(f.obligation);
    const met = f.resolution?.met;
    lines.push(
      [
        f.id,
        o?.title ?? f.obligation,
        o ? clauseRefVi(o.clause.ref) : undefined,
        index.unitName(f.unit),
        f.owners.map((id) => index.bodyName(id)).join('; '),
        f.periodLabel,
        formatVi(f.plannedDue),
        formatVi(f.due),
        f.status,
        STATUS_WORDS[f.status],
        f.endedAtMs === undefined ? undefined : formatVi(localDateOfInstant(f.endedAtMs)),
        workingDaysLate(index, f, report.asOf),
        f.resolution?.evidence,
        f.resolution?.value,
        met === undefined ? undefined : met ? 'đạt' : 'chưa đạt',
        f.handedOver ? handedOverWords(f.handedOver) : undefined,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
