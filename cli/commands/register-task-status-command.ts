import type { Command } from 'commander';
import type { CliContext } from '../cli-context.ts';

/** `exsync task status <ref>`: the seed's Information panel (Status, Command, Latest Detail, Sequence, runs). */
export function registerTaskStatusCommand(program: Command, context: (command: Command) => CliContext): void {
  const task = program.commands.find((c) => c.name() === 'task');
  if (!task) throw new Error('register the task commands before "task status"');
  task
    .command('status')
    .description('Show what a task is doing: Status, Command, Latest Detail, Sequence, next and last run')
    .argument('<ref>', 'task name or id')
    .action(async (ref: string, _o, cmd: Command) => {
      const ctx = context(cmd);
      const status = await ctx.withServices((s) => s.taskStatus.get(ref));
      if (ctx.output.json) return ctx.output.printJson(status);
      const last = status.lastRun;
      const lines: [string, string][] = [
        ['Status', status.state],
        ['Command', status.command || '-'],
        ['Latest Detail', status.latestDetail || '-'],
        ['Sequence', String(status.sequence)],
        ['Next run', status.nextRun ?? '-'],
        [
          'Last run',
          last
            ? `${last.outcome}, started ${last.startedAt}; mailboxes ${last.mailboxes.done}/${last.mailboxes.total} done, ` +
              `${last.mailboxes.failed} failed, ${last.mailboxes.skipped} skipped, ${last.mailboxes.waiting} waiting`
            : 'never',
        ],
      ];
      ctx.output.print(lines.map(([k, v]) => `${`${k}:`.padEnd(15)}${v}`).join('\n'));
    });
}
