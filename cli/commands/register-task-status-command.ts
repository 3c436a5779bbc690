import type { Command } from 'commander';
import type { RunSummary } from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';
import { formatTable } from '../output/table.ts';

/** `exsync task status|run|cancel <ref>`: the seed's Information panel, and the two commands a site obeys. */
export function registerTaskStatusCommand(program: Command, context: (command: Command) => CliContext): void {
  const task = program.commands.find((c) => c.name() === 'task');
  if (!task) throw new Error('register the task commands before "task status"');
  task
    .command('status')
    .description(
      'Show what a task is doing: Status, Command, Latest Detail, Sequence, runs and per-mailbox states',
    )
    .argument('<ref>', 'task name or id')
    .action(async (ref: string, _o, cmd: Command) => {
      const ctx = context(cmd);
      const status = await ctx.withServices((s) => s.taskStatus.get(ref));
      if (ctx.output.json) return ctx.output.printJson(status);
      const lines: [string, string][] = [
        ['Status', status.state],
        ['Command', status.command || '-'],
        ['Latest Detail', status.latestDetail || '-'],
        ['Sequence', String(status.sequence)],
        ['Next run', status.nextRun ?? '-'],
        ['Last run', status.lastRun ? describeRun(status.lastRun) : 'never'],
      ];
      if (status.currentRun) lines.splice(5, 0, ['Current run', describeRun(status.currentRun)]);
      const out = [lines.map(([k, v]) => `${`${k}:`.padEnd(15)}${v}`).join('\n')];
      const mailboxes = Object.entries(status.mailboxes);
      if (mailboxes.length)
        out.push(
          formatTable(
            ['MAILBOX', 'STATE', 'SUBMISSIONS', 'REASON'],
            mailboxes.map(([m, p]) => [m, p.state, String(p.submissions), p.reason ?? '']),
          ),
        );
      if (status.history.length > 1)
        out.push(
          formatTable(
            ['RUN', 'TRIGGER', 'RESULT', 'STARTED', 'FINISHED'],
            status.history.map((r) => [r.runId, r.trigger, r.state, r.startedAt, r.finishedAt ?? '']),
          ),
        );
      ctx.output.print(out.join('\n\n'));
    });

  for (const [verb, description] of [
    ['run', "Run a task now on its site (picked up within the site's poll interval)"],
    ['cancel', 'Cancel the run of a task in progress'],
  ] as const) {
    task
      .command(verb)
      .description(description)
      .argument('<ref>', 'task name or id')
      .action(async (ref: string, _o, cmd: Command) => {
        const ctx = context(cmd);
        const command = await ctx.withServices((s) =>
          verb === 'run'
            ? s.taskCommands.runNow(ref, ctx.actor as string)
            : s.taskCommands.cancel(ref, ctx.actor as string),
        );
        if (ctx.output.json) ctx.output.printJson(command);
        else
          ctx.output.print(
            `${verb === 'run' ? 'Run' : 'Cancel'} requested; the site picks it up at its next poll.`,
          );
      });
  }
}

function describeRun(run: RunSummary): string {
  const c = run.counts;
  const reason = run.reason ? ` — ${run.reason}` : '';
  return `${run.state} (${run.trigger}), started ${run.startedAt}; ${c.done}/${c.total} mailboxes done, ${c.failed} failed, ${c.skipped} skipped, ${c.waiting} waiting${reason}`;
}
