/**
 * The operator's guide (docs/huong-dan-van-hanh.md) stays true to the code it describes:
 * every `dondoc <command>` it shows is a registered command with that command's options,
 * every setting it names is one dondoc (or the compose file) reads, every repository path,
 * image and link it names exists, its status table is vocabulary/labels.ts's, the on-screen
 * labels it quotes in bold are the pages' own, and its Vietnamese follows writing.md's
 * conventions. The checker is tried on altered copies of the guide so that it cannot pass
 * by finding nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { registerCommands } from '../../../cli/commands';
import { envSchema, loadEnv } from '../../../platform/env';
import { STATUS_LABELS } from '../../../vocabulary/labels';
import { conventionProblems } from '../../helpers/conventions';

const ROOT = path.resolve(__dirname, '../../..');
const GUIDE_PATH = 'docs/huong-dan-van-hanh.md';
const GUIDE = fs.readFileSync(path.join(ROOT, GUIDE_PATH), 'utf8');

/** The CLI's commands and their long options, from the same registration `dondoc` runs. */
function cliCommands(): Map<string, Set<string>> {
  const program = new Command('dondoc');
  registerCommands(program);
  return new Map(program.commands.map((c) => [c.name(), new Set(['--help', ...c.options.map((o) => o.long).filter((l): l is string => !!l)])]));
}

/** Folders of product code (test/ and docs/ excluded): where a setting is read if not in platform/env.ts. */
const PRODUCT_DIRS = ['activities', 'bin', 'cli', 'client', 'config', 'domain', 'drafting', 'platform', 'reporting', 'scripts', 'vocabulary', 'web', 'workers', 'workflows'];

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, ext));
    else if (ext.test(entry.name)) out.push(rel);
  }
  return out;
}

const productSource = PRODUCT_DIRS.flatMap((d) => filesUnder(d, /\.(ts|js)$/)).map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
/** The compose stack's own settings (DONDOC_SITE, the publish addresses) are read by docker compose. */
const composeFiles = ['docker-compose.yml', 'deploy/env.example'].map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
/** Where the pages and the words they show live. */
const screenSource = [...filesUnder('web', /\.ts$/), ...filesUnder('vocabulary', /\.ts$/)].map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));

const envKeys = new Set(Object.keys(envSchema.shape));

function isReadSetting(name: string): boolean {
  if (envKeys.has(name)) return true;
  const token = new RegExp(`\\b${name}\\b`);
  return productSource.some((s) => token.test(s)) || composeFiles.some((s) => token.test(s));
}

interface Code {
  /** The fence's language for a block (`sh`, `text`, `yaml`), `inline` for a code span. */
  lang: string;
  text: string;
}

function codeOf(markdown: string): Code[] {
  const codes: Code[] = [];
  const prose = markdown.replace(/^```(\w*)\n([\s\S]*?)^```\s*$/gm, (_, lang: string, body: string) => {
    codes.push({ lang: lang || 'text', text: body });
    return '';
  });
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) codes.push({ lang: 'inline', text: m[1]! });
  return codes;
}

/** Shell words, keeping quoted strings whole. */
const words = (line: string) => line.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];

/** Each `dondoc …` invocation in a shell line or code span: the words after `dondoc`. */
function invocations(line: string): string[][] {
  const w = words(line);
  const found: string[][] = [];
  for (let i = 0; i < w.length; i++) {
    if (w[i] !== 'dondoc' && w[i] !== 'bin/dondoc.js') continue;
    const before = w.slice(0, i);
    const inCommandPosition = before.every((b) => /^[A-Z][A-Z0-9_]*=/.test(b) || b === 'npx' || b === 'node');
    if (inCommandPosition) found.push(w.slice(i + 1));
  }
  return found;
}

/** A code span that names a file or folder of the repository. */
function repoPathOf(span: string): string | undefined {
  if (!/^[\w.-]+(?:\/[\w.-]+)*\/?$/.test(span)) return undefined;
  if (!span.includes('/') && !/\.(ya?ml|md|json|ts|js|png|docx)$/.test(span)) return undefined;
  // Tracking ids and workflow ids, not files.
  if (/^(occ|planner|digest)\//.test(span)) return undefined;
  return span;
}

/** GitHub's anchor of a heading. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

/** Every way `markdown` (the guide, or a copy) departs from the code it describes, one line each. */
function guideProblems(markdown: string): string[] {
  const problems: string[] = [];
  const commands = cliCommands();
  const codes = codeOf(markdown);

  const lines = codes.flatMap((c) => (c.lang === 'sh' ? c.text.replace(/\\\n/g, ' ').split('\n') : c.lang === 'inline' ? [c.text] : []));
  for (const line of lines) {
    for (const args of invocations(line)) {
      const [name, ...rest] = args;
      if (name === undefined || name === '…') continue;
      if (name.startsWith('-')) {
        if (name !== '--help') problems.push(`\`${line}\`: dondoc has no option ${name}`);
        continue;
      }
      const options = commands.get(name);
      if (!options) {
        problems.push(`\`${line}\`: "${name}" is not a dondoc command`);
        continue;
      }
      for (const option of rest.filter((r) => r.startsWith('--')).map((r) => r.split('=')[0]!)) {
        if (!options.has(option)) problems.push(`\`${line}\`: dondoc ${name} has no option ${option}`);
      }
    }
  }

  for (const name of new Set(markdown.match(/\b(?:DONDOC|SMTP|TEMPORAL|MAIL)_[A-Z0-9_]+/g) ?? [])) {
    if (!isReadSetting(name)) problems.push(`${name}: no setting of that name is read (platform/env.ts, the product code, docker-compose.yml)`);
  }

  const dataDir = loadEnv({}, ROOT).DONDOC_DATA_DIR;
  for (const span of codes.filter((c) => c.lang === 'inline').map((c) => c.text)) {
    const p = repoPathOf(span);
    if (!p) continue;
    // The data directory is made at run time (DONDOC_DATA_DIR, by default data/).
    if (p === dataDir || p.startsWith(`${dataDir}/`)) continue;
    if (!fs.existsSync(path.join(ROOT, p))) problems.push(`\`${p}\`: no such file or folder in the repository`);
  }

  const guideDir = path.dirname(path.join(ROOT, GUIDE_PATH));
  const anchors = new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
  for (const m of markdown.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const target = m[2]!;
    if (/^[a-z]+:/.test(target)) continue;
    if (target.startsWith('#')) {
      if (!anchors.has(decodeURIComponent(target.slice(1)))) problems.push(`${target}: no heading of the guide has this anchor`);
      continue;
    }
    const file = path.resolve(guideDir, target.split('#')[0]!);
    if (!fs.existsSync(file)) problems.push(`${target}: ${m[1] ? 'image' : 'link'} to a file that does not exist (${path.relative(ROOT, file)})`);
  }

  // "mục 2.5", "mục 7": the guide's own numbered sections (the plan's clauses are Roman: mục IV.4).
  const sections = new Set([...markdown.matchAll(/^#{2,4} (\d+(?:\.\d+)?)\. /gm)].map((m) => m[1]));
  for (const m of markdown.matchAll(/\bmục (\d+(?:\.\d+)?)(?!\.?\d)/g)) {
    if (!sections.has(m[1])) problems.push(`mục ${m[1]}: the guide has no section of that number`);
  }

  for (const m of markdown.matchAll(/^\|\s*`([a-z-]+)`\s*\|\s*([^|]+?)\s*\|/gm)) {
    const code = m[1]! as keyof typeof STATUS_LABELS;
    if (code in STATUS_LABELS && STATUS_LABELS[code] !== m[2]) problems.push(`status ${code}: the guide says "${m[2]}", the pages say "${STATUS_LABELS[code]}"`);
  }

  for (const m of markdown.matchAll(/\*\*“([^”]+)”\*\*/g)) {
    const label = m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const shown = new RegExp(`(?:^|[>'"\`])${label}(?=[<'"\`]| \\()`, 'm');
    if (!screenSource.some((s) => shown.test(s))) problems.push(`“${m[1]}”: no page shows this label (web/, vocabulary/)`);
  }

  for (const p of conventionProblems(markdown)) problems.push(`${p.rule} — …${p.at}…`);
  return problems;
}

describe('the operator guide', () => {
  test('matches the CLI, the settings, the repository, the labels and the conventions', () => {
    expect(guideProblems(GUIDE)).toEqual([]);
  });

  test('shows every registered dondoc command', () => {
    const shown = new Set(
      codeOf(GUIDE)
        .flatMap((c) => (c.lang === 'sh' ? c.text.split('\n') : c.lang === 'inline' ? [c.text] : []))
        .flatMap((line) => invocations(line).map((args) => args[0])),
    );
    expect([...cliCommands().keys()].filter((c) => !shown.has(c))).toEqual([]);
  });

  test('lists every status the board shows, with its code', () => {
    const rows = new Set([...GUIDE.matchAll(/^\|\s*`([a-z-]+)`\s*\|/gm)].map((m) => m[1]));
    expect(Object.keys(STATUS_LABELS).filter((code) => !rows.has(code))).toEqual([]);
  });

  test('links its screenshots, and the README links the guide', () => {
    const images = [...GUIDE.matchAll(/!\[[^\]]*\]\((screens\/[^)]+\.png)\)/g)].map((m) => m[1]);
    expect(images).toEqual(expect.arrayContaining(['screens/board-desktop.png', 'screens/temporal-ui-overdue-list.png', 'screens/temporal-ui-occurrence.png']));
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(GUIDE_PATH);
  });
});

describe('the checker, on altered copies of the guide', () => {
  const altered = (from: string, to: string) => {
    expect(GUIDE.includes(from), `the guide no longer contains ${from}`).toBe(true);
    return guideProblems(GUIDE.replaceAll(from, to));
  };

  test.each([
    ['a misspelt command', 'dondoc reopen occ/', 'dondoc reopne occ/', '"reopne" is not a dondoc command'],
    ['an option of another command', 'dondoc status --overdue', 'dondoc status --dry-run', 'dondoc status has no option --dry-run'],
    ['a misspelt setting', 'DONDOC_UNDO_MINUTES', 'DONDOC_UNDO_MINUTE', 'DONDOC_UNDO_MINUTE: no setting'],
    ['a file that is not there', '`config/calendar/vn-official.yaml`', '`config/calendar/vn.yaml`', '`config/calendar/vn.yaml`: no such file'],
    ['an image that is not there', '(screens/board-desktop.png)', '(screens/board-desk.png)', 'screens/board-desk.png: image to a file that does not exist'],
    ['an anchor no heading has', '(#5-trả-lời-cán-bộ)', '(#5-tra-loi-can-bo)', '#5-tra-loi-can-bo: no heading'],
    ['a status label the pages do not use', '| `overdue` | quá hạn, chưa hoàn thành |', '| `overdue` | trễ hạn |', 'status overdue: the guide says "trễ hạn"'],
    ['a button the page does not have', '**“Hủy kết quả vừa gửi”**', '**“Hủy kết quả đã gửi”**', '“Hủy kết quả đã gửi”: no page shows this label'],
    ['a reference to a section that is not there', '(mục 4.3)', '(mục 4.9)', 'mục 4.9: the guide has no section'],
    ['a date against the conventions', 'ngày 23/9/2024', 'ngày 23/09/2024', 'a month takes a leading zero only for 1–2'],
  ])('finds %s', (_, from, to, problem) => {
    expect(altered(from, to)).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });
});
