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
import { ConfigError, formatWarning, type ConfigIssue } from '../../config/errors';
import { configPaths, displayName, loadConfig, type ConfigKind, type ConfigPaths, type LoadedConfig } from '../../config/load';
import { readSource } from '../../config/yaml-file';
import { action, configProblems, printed, type Printed } from '../output';

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

/** Runs the check: the summary on stdout (warnings on stderr), or every issue and exit 2. */
export function runValidate(files: readonly string[]): Printed {
  const { paths, issues } = assign(files);
  let loaded: LoadedConfig | undefined;
  try {
    if (issues.length === 0) loaded = loadConfig(paths);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    issues.push(...e.issues);
  }
  if (!loaded || issues.length > 0) return { out: '', err: configProblems(issues), code: 2 };
  const warnings = loaded.warnings.map((warning) => `cảnh báo: ${formatWarning(warning)}\n`);
  const used = (Object.keys(KIND_NAMES) as ConfigKind[]).filter((k) => paths[k] === undefined).map((k) => `${KIND_NAMES[k]} ${displayName(configPaths()[k])}`);
  if (files.length > 0 && used.length > 0) warnings.push(`(dùng tệp đi kèm cho ${used.join(', ')})\n`);
  return printed(`${summary(loaded)}\n`, warnings.join(''));
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra cấu hình (danh bạ, kế hoạch, lịch nghỉ chính thức) và báo mọi lỗi kèm dòng, cột')
    .argument('[files...]', 'các tệp YAML cần kiểm tra; mặc định là cấu hình đi kèm trong config/')
    .action(action('validate', (files: string[]) => runValidate(files)));
}
