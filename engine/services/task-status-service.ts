import type { MailboxProgress, RunRecord } from '../domain/run.ts';
import type { SiteRuntimeInfo } from '../domain/site-runtime-info.ts';
import type { RunSummary, TaskStatus } from '../domain/task-status.ts';
import { runPrefix, siteInfoKey, taskStatusKey } from '../store/keys.ts';
import type { ServiceContext } from './service-context.ts';

/** Everything an admin sees about a task's activity (the seed's Information panel plus per-mailbox detail). */
export interface TaskStatusView extends TaskStatus {
  /** Per-mailbox states of the run in progress, else of the last run. */
  readonly mailboxes: Readonly<Record<string, MailboxProgress>>;
  /** The most recent runs, newest first. */
  readonly history: readonly RunSummary[];
}

const HISTORY = 10;

/** Reads what sites report (they are the only writers of these keys). */
export class TaskStatusService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(ref: string): Promise<TaskStatusView> {
    const task = await this.ctx.tasks.resolve(ref.trim());
    const [reported, runs] = await Promise.all([
      this.ctx.store.get<TaskStatus>(taskStatusKey(task.site, task.id)),
      this.ctx.store.list<RunRecord>(runPrefix(task.site, task.id)),
    ]);
    const newestFirst = runs.map((e) => e.value).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const latest = newestFirst[0];
    const history = newestFirst
      .slice(0, HISTORY)
      .map(({ mailboxes: _m, warnings: _w, pid: _p, ...run }) => run);
    const mailboxes = latest?.mailboxes ?? {};
    if (reported) return { ...reported.value, mailboxes, history };
    const site = await this.ctx.sites.findById(task.site);
    const disabled = !task.enabled || site?.enabled === false;
    return {
      taskId: task.id,
      state: disabled ? 'Disabled' : 'Not yet reported',
      command: '',
      latestDetail: disabled
        ? `${!task.enabled ? 'The task' : `Site ${task.site}`} is disabled`
        : `Site ${task.site} has not picked this task up yet`,
      sequence: 0,
      mailboxes,
      history,
    };
  }

  /** What each site last said about itself (version, host, last active), keyed by site code. */
  async siteRuntime(code: string): Promise<SiteRuntimeInfo | undefined> {
    return (await this.ctx.store.get<SiteRuntimeInfo>(siteInfoKey(code)))?.value;
  }
}
