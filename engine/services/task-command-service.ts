import { randomUUID } from 'node:crypto';
import type { TaskRecord } from '../domain/records.ts';
import type { SiteCommand } from '../domain/site-runtime-info.ts';
import type { RunSummary } from '../domain/task-status.ts';
import { commandKey } from '../store/keys.ts';
import { NothingToCancelError } from './nothing-to-cancel-error.ts';
import type { ServiceContext } from './service-context.ts';
import { readTaskActivity, type TaskSiteView } from './task-activity.ts';
import { validateActor } from './validate-actor.ts';

/** A command sent, with what the admin should be told about it. */
export interface SentCommand extends SiteCommand {
  readonly taskName: string;
  /**
   * Run now: the run in progress when the request was sent. A task never runs twice at once, so the
   * site records the request as skipped and no second run starts.
   */
  readonly alreadyRunning?: { readonly run: RunSummary; readonly latestDetail: string };
  /** The task's site has stopped heartbeating: the command waits in the store until it is back. */
  readonly siteNotResponding?: TaskSiteView;
}

/**
 * "Run now" and "Cancel", for the bot, the dashboard and the CLI alike. The command is carried by the
 * store to the task's site, which picks it up within its config poll interval.
 */
export class TaskCommandService {
  constructor(private readonly ctx: ServiceContext) {}

  async runNow(ref: string, actor: string): Promise<SentCommand> {
    const by = validateActor(actor);
    const task = await this.ctx.tasks.resolve(ref.trim());
    const { reported, site } = await readTaskActivity(this.ctx, task);
    const command = await this.send('run-now', task, by);
    if (site.health === 'not responding') return { ...command, siteNotResponding: site };
    const run = reported?.currentRun;
    // Still sent: the site records it as a skipped request, so the task's history shows it was asked.
    return run ? { ...command, alreadyRunning: { run, latestDetail: reported.latestDetail } } : command;
  }

  /** Refused with NothingToCancelError, sending nothing, when the task has no run in progress. */
  async cancel(ref: string, actor: string): Promise<SentCommand> {
    const by = validateActor(actor);
    const task = await this.ctx.tasks.resolve(ref.trim());
    const { reported, site } = await readTaskActivity(this.ctx, task);
    if (!reported?.currentRun) throw new NothingToCancelError(task.name);
    const command = await this.send('cancel', task, by);
    return site.health === 'not responding' ? { ...command, siteNotResponding: site } : command;
  }

  private async send(type: SiteCommand['type'], task: TaskRecord, by: string): Promise<SentCommand> {
    const at = this.ctx.clock.now().toISOString();
    const command: SiteCommand = {
      id: randomUUID(),
      type,
      taskId: task.id,
      requestedBy: by,
      requestedAt: at,
    };
    await this.ctx.store.set(commandKey(task.site, at, command.id), command);
    await this.ctx.audit.append({
      actor: by,
      at,
      action: type,
      kind: 'task',
      recordId: task.id,
      label: `"${task.name}"`,
      before: null,
      after: null,
    });
    return { ...command, taskName: task.name };
  }
}
