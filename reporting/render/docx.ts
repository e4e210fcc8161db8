/**
 * The report as a Word document in the Party's format (Hướng dẫn 36-HD/VPTW): A4 portrait,
 * margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 14 pt; the issuing
 * body top left (superior committee, the body in bold, an asterisk, the number), "ĐẢNG CỘNG
 * SẢN VIỆT NAM" top right, bold and underlined, with the place-and-date line in italics
 * beneath; BÁO CÁO and its subject centred in bold over a short rule; the body justified with
 * a 1 cm first-line indent; "Nơi nhận" and the signature side by side at the end; then the
 * annex (phụ lục) on a new page, its tables in 11 pt. Page numbers from page 2, centred at
 * the top; page 1 carries the draft mark (DỰ THẢO) instead.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { Block, Cell, ReportDocument } from '../document';

const MM = 56.7; // twips per millimetre
export const PAGE = { width: 11906, height: 16838, top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points
/** Tables are set smaller than the body, as Party documents allow. */
const TABLE_PT = 11;

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

const run = (text: string, s: RunStyle = {}) =>
  new TextRun({ text, font: FONT, size: pt(s.size ?? 14), bold: s.bold, italics: s.italics, ...(s.underline ? { underline: {} } : {}) });

function centred(text: string, s: RunStyle = {}, spacing: { before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: spacing.before ?? 0, after: spacing.after ?? 0 }, children: [run(text, s)] });
}

function bodyParagraph(text: string, s: RunStyle = {}, indent = true): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: indent ? { firstLine: Math.round(10 * MM) } : undefined,
    spacing: { before: 60, after: 60, line: 300 },
    children: [run(text, s)],
  });
}

function cellParagraph(c: Cell, align: Cell['align'], bold = false): Paragraph {
  return new Paragraph({
    alignment: ALIGN[align ?? 'left'],
    spacing: { before: 20, after: 20 },
    children: [run(c.text, { size: TABLE_PT, bold: bold || c.bold, italics: c.italic })],
  });
}

function dataTable(b: Extract<Block, { type: 'table' }>): Table {
  const total = b.columns.reduce((n, c) => n + c.width, 0);
  const widths = b.columns.map((c) => Math.floor((c.width / total) * CONTENT_WIDTH));
  const cell = (p: Paragraph, i: number, span = 1) =>
    new TableCell({
      children: [p],
      width: { size: widths.slice(i, i + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      ...(span > 1 ? { columnSpan: span } : {}),
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map((c, i) => cell(cellParagraph({ text: c.title }, 'center', true), i)),
  });
  const rows = b.rows.map(
    (r) => {
      let col = 0;
      return new TableRow({
        cantSplit: true,
        children: r.map((c) => {
          const at = col;
          col += c.span ?? 1;
          return cell(cellParagraph(c, c.align ?? (c.span ? 'left' : b.columns[at]?.align)), at, c.span);
        }),
      });
    },
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [header, ...rows],
  });
}

function blockChildren(b: Block): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: Math.round(10 * MM) },
          spacing: { before: 120, after: 60 },
          keepNext: true,
          children: [run(b.text, { bold: true, italics: b.level === 2 })],
        }),
      ];
    case 'paragraph':
      return [bodyParagraph(b.text)];
    case 'item':
      return [bodyParagraph(`- ${b.text}`)];
    case 'fill':
      return [bodyParagraph(b.text, { italics: true })];
    case 'caption':
      return [new Paragraph({ spacing: { before: 200, after: 80 }, keepNext: true, children: [run(b.text, { bold: true })] })];
    case 'note':
      return [bodyParagraph(b.text, { italics: true, size: 12 })];
    case 'table':
      return [dataTable(b), new Paragraph({ spacing: { before: 0, after: 60 }, children: [] })];
  }
}

/** Two borderless columns side by side: the heading, and Nơi nhận with the signature. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const l = Math.round(CONTENT_WIDTH * leftShare);
  const widths = [l, CONTENT_WIDTH - l];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: [
      // Never split: the signature block stays with Nơi nhận.
      new TableRow({
        cantSplit: true,
        children: [left, right].map(
          (children, i) => new TableCell({ children, width: { size: widths[i]!, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } }),
        ),
      }),
    ],
  });
}

/** Top left the issuing body, top right the Party's name and the place and date. */
function headingBlock(doc: ReportDocument): Table {
  const h = doc.heading;
  return twoColumns(
    [centred(h.superior), centred(h.issuer, { bold: true }), centred('*'), centred(h.number)],
    [centred(h.party, { bold: true, size: 15, underline: true }), centred(h.placeDate, { italics: true }, { before: 160 })],
    0.42,
  );
}

/** BÁO CÁO, the subject in bold, a short rule. */
function titleBlock(doc: ReportDocument): Paragraph[] {
  return [centred(doc.kind, { bold: true, size: 15 }, { before: 240 }), centred(doc.subject, { bold: true }), centred('-----', {}, { after: 120 })];
}

/** Nơi nhận bottom left, one recipient a line; the signature of the commission bottom right, never signed. */
function endBlock(doc: ReportDocument): Table {
  const sig = doc.signature;
  return twoColumns(
    [
      new Paragraph({ spacing: { before: 0, after: 0 }, children: [run('Nơi nhận:', { underline: true })] }),
      ...doc.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 12 })] })),
    ],
    [...sig.lines.map((l) => centred(l, { bold: true })), centred(sig.name, { bold: !sig.nameMissing, italics: sig.nameMissing }, { before: 1400 })],
    0.56,
  );
}

/** The annex on its own pages: PHỤ LỤC, what it holds, the report it goes with, the tables. */
function annexBlock(doc: ReportDocument): (Paragraph | Table)[] {
  const a = doc.annex;
  return [
    new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, children: [run(a.title, { bold: true })] }),
    centred(a.subject, { bold: true }),
    centred(a.attachedTo, { italics: true }),
    centred('-----', {}, { after: 120 }),
    ...a.blocks.flatMap(blockChildren),
  ];
}

/** Page 1: the draft mark, top right, boxed. */
function draftHeader(doc: ReportDocument): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: ` ${doc.draftMark} `, font: FONT, size: pt(13), bold: true, border: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 } }),
        ],
      }),
    ],
  });
}

/** From page 2: the page number, centred at the top. */
function pageNumberHeader(): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(14) })] })],
  });
}

export function buildDocx(doc: ReportDocument): Document {
  return new Document({
    creator: doc.author,
    title: `${doc.kind} ${doc.subject}`,
    description: doc.draftMark,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: Math.round(8 * MM), footer: Math.round(8 * MM) },
          },
        },
        headers: { first: draftHeader(doc), default: pageNumberHeader() },
        children: [
          headingBlock(doc),
          ...titleBlock(doc),
          ...doc.blocks.flatMap(blockChildren),
          new Paragraph({ spacing: { before: 120 }, children: [] }),
          endBlock(doc),
          ...annexBlock(doc),
        ],
      },
    ],
  });
}

export function renderDocx(doc: ReportDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc));
}
