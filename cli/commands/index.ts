import type { Command } from 'commander';

/**
 * Every `dondoc` subcommand registers itself here. One file per command in this folder,
 * each exporting `register(program: Command): void`.
 */
export function registerCommands(program: Command): void {
  void program;
}
