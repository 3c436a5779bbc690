import type { MailboxProgress, RunRecord } from '../domain/run.ts';
import type { SiteRuntimeInfo } from '../domain/site-runtime-info.ts';
import type { RunSummary, TaskStatus } from '../domain/task-status.ts';
import { runPrefix, siteInfoKey } from '../store/keys.ts';
import type { ServiceContext } from './service-context.ts';
import { readTaskActivity, type TaskSiteView } from './task-activity.ts';

/** Everything an admin sees about a task's activity (the seed's Information panel plus per-mailbox detail). */
export interface TaskStatusView extends TaskStatus {
  /** The task's site: whether it is alive and when it last heartbeated. */
  readonly site: TaskSiteView;
  /** Per-mailbox states of the run in progress, else of the last run. */
  readonly mailboxes: Readonly<Record<string, MailboxProgress>>;
  /** The most recent runs, newest first. */
  readonly history: readonly RunSummary[];
}

const HISTORY = 10;
/** Marks what a site that stopped responding last said: it may no longer be true. */
export const LAST_KNOWN = '(last known) ';

/** Reads what sites report (they are the only writers of these keys). */
export class TaskStatusService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(ref: string): Promise<TaskStatusView> {
    const task = await this.ctx.tasks.resolve(ref.trim());
    const [{ reported, site }, runs] = await Promise.all([
      readTaskActivity(this.ctx, task),
      this.ctx.store.list<RunRecord>(runPrefix(task.site, task.id)),
    ]);
    const newestFirst = runs.map((e) => e.value).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const latest = newestFirst[0];
    const history = newestFirst
      .slice(0, HISTORY)
      .map(({ mailboxes: _m, warnings: _w, pid: _p, ...run }) => run);
    const mailboxes = latest?.mailboxes ?? {};
    if (reported) {
      const status = site.health === 'not responding' ? asUnknown(reported) : reported;
      return { ...status, site, mailboxes, history };
    }
    const record = await this.ctx.sites.findById(task.site);
    const disabled = !task.enabled || record?.enabled === false;
    return {
      taskId: task.id,
      state: disabled ? 'Disabled' : 'Not yet reported',
      command: '',
      latestDetail: disabled
        ? `${!task.enabled ? 'The task' : `Site ${task.site}`} is disabled`
        : `Site ${task.site} has not picked this task up yet`,
      sequence: 0,
      site,
      mailboxes,
      history,
    };
  }

  /** What each site last said about itself (version, host, last active), keyed by site code. */
  async siteRuntime(code: string): Promise<SiteRuntimeInfo | undefined> {
    return (await this.ctx.store.get<SiteRuntimeInfo>(siteInfoKey(code)))?.value;
  }
}

/**
 * A site killed with -9 leaves its last report behind ("Running", reading some mailbox) forever. Nobody
 * knows what the task is doing now, so say so, and keep the old words only as marked last-known ones.
 */
function asUnknown(reported: TaskStatus): TaskStatus {
  const mark = (text: string) => (text ? `${LAST_KNOWN}${text}` : '');
  return {
    ...reported,
    state: 'Unknown',
    command: mark(reported.command),
    latestDetail: mark(reported.latestDetail),
  };
}
