import { Command } from 'commander';
import { registerCommands } from './commands';

/** Entry point of the `dondoc` command: every subcommand lives in cli/commands/. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('dondoc')
    .description('Đôn đốc: theo dõi, nhắc việc và báo cáo thực hiện kế hoạch')
    .exitOverride()
    .showHelpAfterError();
  registerCommands(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code; // commander already printed its message
    console.error(`dondoc: ${(err as Error).message ?? String(err)}`);
    return 1;
  }
}

