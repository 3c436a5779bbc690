/**
 * `exsync` with the directory commands, for the CLI tests: the real program of cli/main.ts, plus
 * registerDirectoryCommands when main.ts does not register it yet, and main's exit codes (0 done,
 * 2 refused with one line, 1 failed). Run with `node --import tsx`.
 */
import { CommanderError } from 'commander';
import { createCliContext, type GlobalOptions } from '../../../cli/cli-context.ts';
import { registerDirectoryCommands } from '../../../cli/commands/register-directory-commands.ts';
import { EXIT, buildProgram, main } from '../../../cli/main.ts';
import { ExsyncError } from '../../../engine/index.ts';

const program = buildProgram();
if (program.commands.some((c) => c.name() === 'directory')) {
  process.exitCode = await main(process.argv);
} else {
  registerDirectoryCommands(program, (c) => createCliContext(c.optsWithGlobals<GlobalOptions>()));
  program.commands.forEach(function exitOverrideEverywhere(c): void {
    c.exitOverride();
    c.commands.forEach(exitOverrideEverywhere);
  });
  try {
    await program.parseAsync(process.argv);
    process.exitCode = EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.refused;
    else if (error instanceof ExsyncError && error.refused) {
      process.stderr.write(`exsync: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = EXIT.refused;
    } else {
      process.stderr.write(
        `exsync: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = EXIT.failed;
    }
  }
}
