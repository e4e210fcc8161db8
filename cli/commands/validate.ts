/**
 * `dondoc validate [files…]`: checks the configuration without starting anything. With no
 * files it checks the shipped directory, plan and calendar; each file given replaces the
 * shipped file of its kind, recognised by its top-level key (units, obligations, years).
 * Exit 0 with a one-line summary (warnings on stderr), or 2 with every error as
 * `file:line:col: path: message`.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { detectKind, MARKER_KEYS } from '../../config/detect';
import { ConfigError, formatIssue, formatWarning, type ConfigIssue } from '../../config/errors';
import { configPaths, displayName, loadConfig, type ConfigKind, type ConfigPaths, type LoadedConfig } from '../../config/load';
import { readSource } from '../../config/yaml-file';

const KIND_NAMES: Record<ConfigKind, string> = { directory: 'danh bạ', plan: 'kế hoạch', calendar: 'lịch nghỉ' };

/** Which file stands for which kind; problems with the arguments themselves as issues. */
function assign(files: readonly string[]): { paths: Partial<ConfigPaths>; issues: ConfigIssue[] } {
  const paths: Partial<ConfigPaths> = {};
  const issues: ConfigIssue[] = [];
  const whole = (file: string, message: string) => issues.push({ file: displayName(file), line: 0, col: 0, path: '', message });
  for (const file of files) {
    const absolute = path.resolve(file);
    const source = readSource(absolute, displayName(absolute));
    if (!('text' in source)) {
      issues.push(source);
      continue;
    }
    const kind = detectKind(source.text);
    if (kind === undefined) {
      const markers = Object.values(MARKER_KEYS).join(', ');
      whole(absolute, `cannot tell what this file is: expected exactly one of the top-level keys ${markers}`);
    } else if (paths[kind] !== undefined) {
      whole(absolute, `a second ${kind} file: ${displayName(paths[kind])} is already the ${kind} file`);
    } else {
      paths[kind] = absolute;
    }
  }
  return { paths, issues };
}

function summary(loaded: LoadedConfig): string {
  const { directory, plan, calendar } = loaded.config;
  const warnings = loaded.warnings.length > 0 ? `; ${loaded.warnings.length} cảnh báo` : '';
  return (
    `OK: ${directory.units.length} đơn vị, ${directory.bodies.length} cơ quan, ${plan.obligations.length} nhiệm vụ, ` +
    `${calendar.length} năm lịch nghỉ chính thức${warnings}`
  );
}

/** Where `runValidate` prints: process.stdout and process.stderr, or a test's buffer. */
export interface Output {
  write(text: string): unknown;
}

/** Runs the check and prints; returns the exit code. */
export function runValidate(files: readonly string[], out: Output = process.stdout, err: Output = process.stderr): number {
  const { paths, issues } = assign(files);
  let loaded: LoadedConfig | undefined;
  try {
    if (issues.length === 0) loaded = loadConfig(paths);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    issues.push(...e.issues);
  }
  if (!loaded || issues.length > 0) {
    for (const issue of issues) err.write(`${formatIssue(issue)}\n`);
    err.write(`Cấu hình không hợp lệ: ${issues.length} lỗi.\n`);
    return 2;
  }
  for (const warning of loaded.warnings) err.write(`cảnh báo: ${formatWarning(warning)}\n`);
  const used = (Object.keys(KIND_NAMES) as ConfigKind[]).filter((k) => paths[k] === undefined).map((k) => `${KIND_NAMES[k]} ${displayName(configPaths()[k])}`);
  if (files.length > 0 && used.length > 0) err.write(`(dùng tệp đi kèm cho ${used.join(', ')})\n`);
  out.write(`${summary(loaded)}\n`);
  return 0;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra cấu hình (danh bạ, kế hoạch, lịch nghỉ chính thức) và báo mọi lỗi kèm dòng, cột')
    .argument('[files...]', 'các tệp YAML cần kiểm tra; mặc định là cấu hình đi kèm trong config/')
    .action((files: string[]) => {
      process.exitCode = runValidate(files);
    });
}
