/**
 * Writes the documents the `dondoc draft` tests read, from the plan texts in
 * test/fixtures/drafting/src/ (heading lines before "KẾ HOẠCH" are "left | right", the two
 * columns of a Party or Front document's heading):
 *
 *   tuyen-giao-2024.pdf   A4, DejaVu Serif 13 pt, justified paragraphs with a first-line
 *                         indent, page numbers from page 2 (pdfkit) — lines to be rejoined
 *   mat-tran-2025.docx    the heading as a borderless two-column table, paragraphs (docx)
 *   scan.pdf              two pages that are only images, as a scanner makes them
 *   broken.docx           the first third of a Word file: a damaged download
 *
 * Run: npx tsx scripts/make-draft-fixtures.ts (needs Debian's fonts-dejavu-core). The
 * outputs are committed; the tests do not run this.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';

const DIR = path.resolve(__dirname, '../test/fixtures/drafting');
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
const FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf';
const CM = 28.35;

interface PlanText {
  heading: Array<[string, string]>;
  docType: string;
  body: string[];
}

/** The source: two-column heading lines up to the document type, then one paragraph a line. */
function readPlan(name: string): PlanText {
  const lines = readFileSync(path.join(DIR, 'src', name), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const at = lines.findIndex((l) => !l.includes('|'));
  return {
    heading: lines.slice(0, at).map((l) => l.split('|').map((s) => s.trim()) as [string, string]),
    docType: lines[at]!,
    body: lines.slice(at + 1),
  };
}

const isHeading = (line: string) => /^(?:[IVX]+\.|\d+\.|[a-zđ]\))\s/u.test(line) && !/[.;]$/u.test(line);
const isClosing = (line: string, i: number, body: string[]) => i >= body.findIndex((l) => l.startsWith('Nơi nhận'));

function writePdf(plan: PlanText, out: string): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 1.5 * CM }, info: { Title: plan.body[0], CreationDate: new Date(Date.UTC(2024, 1, 5)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('serif', FONT).registerFont('bold', FONT_BOLD);
  let page = 1;
  doc.on('pageAdded', () => {
    page += 1;
    const { x, y } = doc;
    doc.font('serif').fontSize(12).text(String(page), doc.page.margins.left, 1 * CM, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center' });
    doc.x = x;
    doc.y = y;
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const leftWidth = width * 0.4;
  for (const [left, right] of plan.heading) {
    const y = doc.y;
    doc.font(left === left.toUpperCase() && left.length > 3 ? 'bold' : 'serif').fontSize(12).text(left, doc.page.margins.left, y, { width: leftWidth, align: 'center' });
    const afterLeft = doc.y;
    doc.font(right.startsWith('Lục Ngạn') ? 'serif' : 'bold').fontSize(12).text(right, doc.page.margins.left + leftWidth, y, { width: width - leftWidth, align: 'center' });
    doc.y = Math.max(afterLeft, doc.y);
  }
  doc.moveDown(1);
  doc.font('bold').fontSize(14).text(plan.docType, doc.page.margins.left, doc.y, { width, align: 'center' });
  let i = 0;
  for (; i < plan.body.length && !/^(Thực hiện|Căn cứ)/u.test(plan.body[i]!); i += 1) doc.font('bold').fontSize(13).text(plan.body[i]!, { width, align: 'center' });
  doc.moveDown(0.5);
  plan.body.slice(i).forEach((line, j, body) => {
    if (isClosing(line, j, body)) {
      doc.font(line.startsWith('Nơi nhận') ? 'bold' : 'serif').fontSize(11).text(line, { width, align: /^[A-ZĐ/ .]+$/u.test(line) || j === body.length - 1 ? 'right' : 'left' });
      return;
    }
    doc.font(isHeading(line) || /^[IVX]+\./u.test(line) ? 'bold' : 'serif').fontSize(13).text(line, { width, align: 'justify', indent: 1 * CM, lineGap: 2, paragraphGap: 4 });
  });
  doc.end();
  return done.then(() => writeFileSync(out, Buffer.concat(chunks)));
}

async function writeDocx(plan: PlanText, out: string): Promise<Buffer> {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const cell = (lines: string[]) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      borders,
      children: lines.map((text) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: text === text.toUpperCase(), font: 'Times New Roman', size: 26 })] })),
    });
  const heading = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [new TableRow({ children: [cell(plan.heading.map(([l]) => l).filter(Boolean)), cell(plan.heading.map(([, r]) => r).filter(Boolean))] })],
  });
  const run = (text: string, bold = false) => new TextRun({ text, bold, font: 'Times New Roman', size: 28 });
  const first = plan.body.findIndex((l) => /^(Thực hiện|Căn cứ)/u.test(l));
  const paragraphs = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(plan.docType, true)] }),
    ...plan.body.slice(0, first).map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(l, true)] })),
    ...plan.body.slice(first).map(
      (l, j, body) =>
        new Paragraph({
          alignment: isClosing(l, j, body) ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
          indent: isClosing(l, j, body) ? {} : { firstLine: 567 },
          children: [run(l, isHeading(l) || /^[IVX]+\./u.test(l))],
        }),
    ),
  ];
  const doc = new Document({ creator: 'dondoc tests', sections: [{ children: [heading, ...paragraphs] }] });
  const buffer = await Packer.toBuffer(doc);
  writeFileSync(out, buffer);
  return buffer;
}

/** A grey PNG with dark bars where lines of text would be: what a scanner gives. */
function scannedPage(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(width + 1, 0xee);
    row[0] = 0; // filter: none
    const inLine = y > 30 && y < height - 30 && y % 14 < 6;
    if (inLine) for (let x = 20; x < width - 20 - ((y * 7) % 40); x += 1) row[x + 1] = 0x30;
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

function writeScan(out: string): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { CreationDate: new Date(Date.UTC(2024, 1, 5)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.image(scannedPage(300, 420), 0, 0, { width: doc.page.width, height: doc.page.height });
  doc.addPage();
  doc.image(scannedPage(300, 420), 0, 0, { width: doc.page.width, height: doc.page.height });
  doc.end();
  return done.then(() => writeFileSync(out, Buffer.concat(chunks)));
}

async function main(): Promise<void> {
  await writePdf(readPlan('tuyen-giao-2024.txt'), path.join(DIR, 'tuyen-giao-2024.pdf'));
  const docx = await writeDocx(readPlan('mat-tran-2025.txt'), path.join(DIR, 'mat-tran-2025.docx'));
  writeFileSync(path.join(DIR, 'broken.docx'), docx.subarray(0, Math.floor(docx.length / 3)));
  await writeScan(path.join(DIR, 'scan.pdf'));
  console.log(`written in ${path.relative(process.cwd(), DIR)}: tuyen-giao-2024.pdf, mat-tran-2025.docx, broken.docx, scan.pdf`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
