import type { Command } from 'commander';
import { register as registerValidate } from './validate';
import { register as registerHolidays } from './holidays';
import { register as registerPreview } from './preview';
import { register as registerApply } from './apply';
import { register as registerStatus } from './status';
import { register as registerResolve } from './resolve';
import { register as registerDrill } from './drill';
import { register as registerSimulate } from './simulate';
import { register as registerPause } from './pause';
import { register as registerReport } from './report';
import { register as registerDraft } from './draft';

/**
 * Every `dondoc` subcommand registers itself here. One file per command in this folder,
 * each exporting `register(program: Command): void`.
 */
export function registerCommands(program: Command): void {
  registerValidate(program);
  registerHolidays(program);
  registerPreview(program);
  registerApply(program);
  registerStatus(program);
  registerResolve(program);
  registerDrill(program);
  registerSimulate(program);
  registerPause(program);
  registerReport(program);
  registerDraft(program);
}
