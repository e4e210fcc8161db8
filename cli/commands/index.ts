import type { Command } from 'commander';
import { register as registerValidate } from './validate';
import { register as registerHolidays } from './holidays';
import { register as registerPreview } from './preview';

/**
 * Every `dondoc` subcommand registers itself here. One file per command in this folder,
 * each exporting `register(program: Command): void`.
 */
export function registerCommands(program: Command): void {
  registerValidate(program);
  registerHolidays(program);
  registerPreview(program);
  void program;
}
