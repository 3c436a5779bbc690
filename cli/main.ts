import { Command, CommanderError } from 'commander';
import { EnvironmentError, ExsyncError } from '../engine/index.ts';
import { createCliContext, type GlobalOptions } from './cli-context.ts';
import { CommandFailed } from './errors/command-failed.ts';
import { registerSiteCheckCommand } from './commands/register-site-check-command.ts';
import { registerAuditCommands } from './commands/register-audit-commands.ts';
import { registerDemoCommand } from './commands/register-demo-command.ts';
import { registerDirectoryCommands } from './commands/register-directory-commands.ts';
import { registerSimCommand } from './commands/register-sim-command.ts';
import { RECORD_KINDS } from './commands/record-kinds.ts';
import { registerRecordCommands } from './commands/register-record-commands.ts';
import { registerTaskStatusCommand } from './commands/register-task-status-command.ts';
import { registerSiteConfigCommands } from './commands/register-site-config-commands.ts';
import { registerSiteProcessCommands } from './commands/register-site-process-commands.ts';
import { registerSiteEventsCommand } from './commands/register-site-events-command.ts';
import { registerPlatformBlobCommand } from './commands/register-platform-blob-command.ts';
import { registerPlatformCommands } from './commands/register-platform-commands.ts';

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failed: 1, refused: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('exsync')
    .description(
      'Scheduled Exchange tasks for Exchange mailboxes: manage sites, schedules, definitions and tasks',
    )
    .option('--json', 'print machine-readable JSON')
    .option('--as <admin>', 'the admin making the change (default: $EXSYNC_ADMIN)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const context = (command: Command) => createCliContext(command.optsWithGlobals<GlobalOptions>());
  for (const kind of RECORD_KINDS) registerRecordCommands(program, kind, context);
  registerTaskStatusCommand(program, context);
  registerSiteConfigCommands(program, context);
  registerSiteProcessCommands(program, context);
  registerSiteCheckCommand(program, context);
  registerSiteEventsCommand(program, context);
  registerAuditCommands(program, context);
  registerDemoCommand(program, context);
  registerDirectoryCommands(program, context);
  registerSimCommand(program, context);
  registerPlatformCommands(program, context);
  // Joins the `platform` command registered just above.
  registerPlatformBlobCommand(program, context);
  program.commands.forEach(function exitOverrideEverywhere(c: Command): void {
    c.exitOverride();
    c.commands.forEach(exitOverrideEverywhere);
  });
  return program;
}

/** Runs the CLI and returns its exit code: 0 done, 2 refused (with a one-line reason on stderr), 1 failed. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help or the usage problem.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return EXIT.ok;
      return EXIT.refused;
    }
    if (error instanceof ExsyncError && error.refused) {
      process.stderr.write(`exsync: ${oneLine(error.message)}\n`);
      return EXIT.refused;
    }
    if (error instanceof CommandFailed) return EXIT.failed;
    if (error instanceof EnvironmentError) {
      process.stderr.write(`exsync: ${oneLine(error.message)}\n`);
      return EXIT.refused;
    }
    process.stderr.write(
      `exsync: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.failed;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
