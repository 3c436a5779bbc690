import type { Command } from 'commander';
import type { RunSummary, SentCommand, TaskStatusView } from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';
import { formatTable } from '../output/table.ts';

/**
 * `exsync task status|run|cancel <ref>`: the seed's Information panel, and the two commands a site obeys.
 * `run` while a run is in progress exits 0 (the request is recorded, as the site records it skipped);
 * `cancel` with nothing running is refused with exit 2 and sends nothing.
 */
export function registerTaskStatusCommand(program: Command, context: (command: Command) => CliContext): void {
  const task = program.commands.find((c) => c.name() === 'task');
  if (!task) throw new Error('register the task commands before "task status"');
  task
    .command('status')
    .description(
      'Show what a task is doing: Status, Command, Latest Detail, Sequence, runs and per-mailbox states',
    )
    .argument('<ref>', 'task name or id')
    .option('--all', 'list every mailbox of the run (default: the first 50 that are not Healthy)')
    .action(async (ref: string, o: { all?: boolean }, cmd: Command) => {
      const ctx = context(cmd);
      const status = await ctx.withServices((s) =>
        o.all ? s.taskStatus.get(ref, { only: 'all' }) : s.taskStatus.get(ref),
      );
      if (ctx.output.json) return ctx.output.printJson(status);
      const lines: [string, string][] = [
        ['Status', describeState(status)],
        ['Command', status.command || '-'],
        ['Latest Detail', status.latestDetail || '-'],
        ['Sequence', String(status.sequence)],
        ['Next run', status.nextRun ?? '-'],
        ['Last run', status.lastRun ? describeRun(status.lastRun) : 'never'],
      ];
      if (status.currentRun)
        lines.splice(5, 0, [
          status.state === 'Unknown' ? 'Last known run' : 'Current run',
          describeRun(status.currentRun),
        ]);
      const width = Math.max(...lines.map(([k]) => k.length)) + 2;
      const out = [lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join('\n')];
      const mailboxes = Object.entries(status.mailboxes);
      if (mailboxes.length)
        out.push(
          formatTable(
            ['MAILBOX', 'STATE', 'SUBMISSIONS', 'REASON'],
            mailboxes.map(([m, p]) => [m, p.state, String(p.submissions), p.reason ?? '']),
          ),
        );
      const note = describeSelection(status);
      if (note) out.push(note);
      if (status.history.length > 1)
        out.push(
          formatTable(
            ['RUN', 'TRIGGER', 'RESULT', 'STARTED', 'FINISHED'],
            status.history.map((r) => [r.runId, r.trigger, r.state, r.startedAt, r.finishedAt ?? '']),
          ),
        );
      ctx.output.print(out.join('\n\n'));
    });

  task
    .command('run')
    .description(
      "Run a task now on its site (picked up within the site's poll interval; if a run is already in progress, the request is recorded and no second run starts)",
    )
    .argument('<ref>', 'task name or id')
    .action(async (ref: string, _o, cmd: Command) => {
      const ctx = context(cmd);
      const sent = await ctx.withServices((s) => s.taskCommands.runNow(ref, ctx.actor as string));
      if (ctx.output.json) return ctx.output.printJson(sent);
      if (sent.siteNotResponding) return ctx.output.print(notResponding('Run', sent));
      if (sent.alreadyRunning) {
        const { run, latestDetail } = sent.alreadyRunning;
        const detail = latestDetail ? `, ${latestDetail.replace(/\.$/, '')}` : '';
        return ctx.output.print(
          `Task "${sent.taskName}" is already running (started ${run.startedAt}${detail}); the request was recorded but no second run starts.`,
        );
      }
      ctx.output.print(`Run of task "${sent.taskName}" requested; the site picks it up at its next poll.`);
    });

  task
    .command('cancel')
    .description('Cancel the run of a task in progress (refused, exit 2, when nothing is running)')
    .argument('<ref>', 'task name or id')
    .action(async (ref: string, _o, cmd: Command) => {
      const ctx = context(cmd);
      const sent = await ctx.withServices((s) => s.taskCommands.cancel(ref, ctx.actor as string));
      if (ctx.output.json) return ctx.output.printJson(sent);
      if (sent.siteNotResponding) return ctx.output.print(notResponding('Cancel', sent));
      ctx.output.print(`Cancel of task "${sent.taskName}" requested; the site picks it up at its next poll.`);
    });
}

function notResponding(what: string, sent: SentCommand): string {
  const site = sent.siteNotResponding;
  return `${what} of task "${sent.taskName}" recorded, but site ${site?.code} is not responding (last active ${site?.lastActive ?? 'never'}); it is carried out when the site is back.`;
}

/** The Status line: a site that stopped heartbeating makes the task's state unknown, and says since when. */
function describeState(status: TaskStatusView): string {
  if (status.state !== 'Unknown') return status.state;
  return `Unknown (site ${status.site.code} not responding since ${status.site.lastActive ?? '?'})`;
}

/** What the mailbox table left out, and how to see it. */
function describeSelection(status: TaskStatusView): string | undefined {
  const { selection } = status;
  const counts = selection.counts;
  if (!counts) return undefined;
  const shown = Object.keys(status.mailboxes).length;
  if (selection.only === 'all')
    return selection.truncated ? `Showing ${shown} of ${counts.total} mailboxes.` : undefined;
  const notHealthy = counts.total - counts.done;
  if (notHealthy === 0 && counts.total > 0)
    return `All ${counts.total} mailboxes are Healthy (--all lists them).`;
  const healthy = counts.done ? `; ${counts.done} Healthy not listed` : '';
  return selection.truncated
    ? `Showing the first ${shown} of ${notHealthy} mailboxes that are not Healthy${healthy}; --all lists every mailbox.`
    : counts.done
      ? `${counts.done} Healthy mailboxes not listed; --all lists every mailbox.`
      : undefined;
}

function describeRun(run: RunSummary): string {
  const c = run.counts;
  const reason = run.reason ? ` — ${run.reason}` : '';
  return `${run.state} (${run.trigger}), started ${run.startedAt}; ${c.done}/${c.total} mailboxes done, ${c.failed} failed, ${c.skipped} skipped, ${c.waiting} waiting${reason}`;
}
