/**
 * Readers: a plan as it circulates — `.txt`, `.docx` (mammoth) or a `.pdf` with a text layer
 * (Mozilla's pdf.js, `pdfjs-dist` 5.6, the last line that runs on Node 20) — as lines of text.
 * Lines keep what tells paragraphs apart where the format has it: Word paragraphs are
 * paragraphs; a PDF line knows whether it is indented (a paragraph's first line) and how full
 * it is; a text file says neither, and drafting/structure.ts infers both.
 *
 * Every problem with the file itself is a `DraftInputError`: one line, naming the file.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { squeeze } from './text';

export type SourceFormat = 'txt' | 'docx' | 'pdf';

export interface SourceLine {
  text: string;
  /** The line starts further right than the text column (a paragraph's first line). */
  indent?: boolean;
  /** How far across the text column the line reaches, 0–1, when the format says. */
  fill?: number;
  /** The first line after a page break. */
  pageStart?: boolean;
}

export interface SourceText {
  file: string;
  format: SourceFormat;
  /** `paragraphs`: one line per paragraph (Word); `lines`: lines as laid out (PDF, most text files). */
  layout: 'paragraphs' | 'lines';
  lines: SourceLine[];
}

/** The file cannot be read as a plan: the message is one line for the officer. */
export class DraftInputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'DraftInputError';
  }
}

const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.text': 'txt', '.docx': 'docx', '.pdf': 'pdf' };

/** The format a file name says; DraftInputError for another. */
export function formatOf(file: string): SourceFormat {
  const ext = path.extname(file).toLowerCase();
  const format = FORMATS[ext];
  if (!format) {
    const what = ext ? `định dạng ${ext} chưa đọc được` : 'tệp không có phần mở rộng';
    throw new DraftInputError(file, `${what}: dùng tệp .docx, .pdf (có lớp chữ) hoặc .txt`);
  }
  return format;
}

function readBytes(file: string, shownAs: string): Buffer {
  try {
    if (statSync(file).isDirectory()) throw new DraftInputError(shownAs, 'đây là một thư mục, không phải một tệp');
    return readFileSync(file);
  } catch (err) {
    if (err instanceof DraftInputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new DraftInputError(shownAs, code === 'ENOENT' ? 'không có tệp này' : `không đọc được tệp (${code ?? (err as Error).message})`);
  }
}

/** Reads a plan document; `shownAs` is the name used in messages. */
export async function readSource(file: string, shownAs = file): Promise<SourceText> {
  const format = formatOf(shownAs);
  const bytes = readBytes(file, shownAs);
  if (bytes.length === 0) throw new DraftInputError(shownAs, 'tệp rỗng, không có nội dung');
  const read = format === 'txt' ? readText : format === 'docx' ? readDocx : readPdf;
  const source = await read(bytes, shownAs);
  if (!source.lines.some((l) => l.text.trim() !== '')) throw new DraftInputError(shownAs, 'tệp không có chữ nào');
  return source;
}

// ─── Text ────────────────────────────────────────────────────────────────────

async function readText(bytes: Buffer, file: string): Promise<SourceText> {
  if (bytes.subarray(0, 4).toString('latin1') === '%PDF' || bytes.subarray(0, 2).toString('latin1') === 'PK') {
    throw new DraftInputError(file, 'tệp .txt này thực ra là tệp PDF hoặc Word: đổi phần mở rộng cho đúng');
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD') || text.includes('\0')) throw new DraftInputError(file, 'tệp không phải văn bản UTF-8 (có thể là tệp nhị phân hoặc bảng mã cũ như TCVN3/VNI)');
  const lines = text.split(/\r\n|\r|\n|\f/).map((line) => ({ text: line.normalize('NFC').replace(/\s+$/, ''), ...(/^\s/.test(line) ? { indent: true } : {}) }));
  return { file, format: 'txt', layout: 'lines', lines };
}

// ─── Word ────────────────────────────────────────────────────────────────────

async function readDocx(bytes: Buffer, file: string): Promise<SourceText> {
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') {
    const hint = bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) ? ' (đây là tệp .doc kiểu cũ: lưu lại thành .docx)' : '';
    throw new DraftInputError(file, `không đọc được tệp DOCX: không phải tệp Word hợp lệ${hint}`);
  }
  const mammoth = await import('mammoth');
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: bytes }));
  } catch (err) {
    throw new DraftInputError(file, `không đọc được tệp DOCX: tệp hỏng hoặc không phải tài liệu Word (${oneLine(err)})`);
  }
  // mammoth ends every paragraph with a blank line; a line break inside a paragraph is one "\n".
  const lines = value.split(/\n\n/).map((p) => ({ text: squeeze(p) }));
  return { file, format: 'docx', layout: 'paragraphs', lines };
}

// ─── PDF ─────────────────────────────────────────────────────────────────────

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function readPdf(bytes: Buffer, file: string): Promise<SourceText> {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DraftInputError(file, 'không đọc được tệp PDF: tệp không phải PDF');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (err) {
    const why = (err as Error)?.name === 'PasswordException' ? 'tệp có mật khẩu' : `tệp hỏng (${oneLine(err)})`;
    throw new DraftInputError(file, `không đọc được tệp PDF: ${why}`);
  }
  try {
    const lines: SourceLine[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        runs.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, height: item.height || Math.abs(item.transform[3] as number) });
      }
      const pageLines = linesOfPage(runs);
      if (pageLines.length > 0) pageLines[0] = { ...pageLines[0]!, pageStart: true };
      lines.push(...pageLines);
    }
    if (lines.length === 0) {
      const pages = doc.numPages === 1 ? '1 trang' : `${doc.numPages} trang`;
      throw new DraftInputError(file, `tệp PDF không có lớp chữ (bản quét, ${pages}): cần nhận dạng chữ (OCR) trước, hoặc dùng bản DOCX hay PDF xuất từ Word`);
    }
    return { file, format: 'pdf', layout: 'lines', lines };
  } finally {
    await doc.destroy();
  }
}

/**
 * The lines of a page, top to bottom: runs on one baseline (within a third of their height)
 * joined left to right, a space where there is a gap; runs far apart on one baseline (the two
 * columns of a document's heading) are separate lines. The text column is the span between
 * the leftmost start and the rightmost end of the page's lines.
 */
function linesOfPage(runs: Run[]): SourceLine[] {
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Run[][] = [];
  for (const run of runs) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - run.y) <= Math.max(2, run.height / 3)) row.push(run);
    else rows.push([run]);
  }
  const pieces: Array<{ text: string; x: number; end: number }> = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: { text: string; x: number; end: number; size: number } | undefined;
    for (const run of row) {
      const size = run.height || 12;
      if (current && run.x - current.end > size * 3) {
        pieces.push(current);
        current = undefined;
      }
      if (!current) current = { text: run.str, x: run.x, end: run.x + run.width, size };
      else {
        const gap = run.x - current.end;
        current.text += gap > size * 0.15 && !current.text.endsWith(' ') && !run.str.startsWith(' ') ? ` ${run.str}` : run.str;
        current.end = Math.max(current.end, run.x + run.width);
      }
    }
    if (current) pieces.push(current);
  }
  if (pieces.length === 0) return [];
  const left = Math.min(...pieces.map((p) => p.x));
  const right = Math.max(...pieces.map((p) => p.end));
  const column = Math.max(1, right - left);
  return pieces.map((p) => ({
    text: squeeze(p.text),
    ...(p.x - left > column * 0.02 ? { indent: true } : {}),
    fill: (p.end - left) / column,
  }));
}

function oneLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 120);
}
