import type { MailboxProgress, RunMailboxRow, RunRecord } from '../domain/run.ts';
import type { SiteRuntimeInfo } from '../domain/site-runtime-info.ts';
import type { RunSummary, TaskStatus } from '../domain/task-status.ts';
import { runMailboxPrefix, runPrefix, siteInfoKey } from '../store/keys.ts';
import type { ServiceContext } from './service-context.ts';
import { readTaskActivity, type TaskSiteView } from './task-activity.ts';

/** Which mailboxes of the run a status view holds. */
export interface MailboxSelection {
  /** `not-healthy`: only mailboxes that are not Healthy (what needs a look); `all`: every one. */
  readonly only: 'not-healthy' | 'all';
  /** At most this many, in address order; none means no cap. */
  readonly limit?: number;
}

/** Everything an admin sees about a task's activity (the seed's Information panel plus per-mailbox detail). */
export interface TaskStatusView extends TaskStatus {
  /** The task's site: whether it is alive and when it last heartbeated. */
  readonly site: TaskSiteView;
  /** Per-mailbox states of the run in progress, else of the last run, as `selection` chose them. */
  readonly mailboxes: Readonly<Record<string, MailboxProgress>>;
  readonly selection: MailboxSelection & {
    /** True when more mailboxes matched than `mailboxes` holds (the limit was reached). */
    readonly truncated: boolean;
    /** The run whose mailboxes these are, with its counts (how many are Healthy, failed, …). */
    readonly runId?: string;
    readonly counts?: RunRecord['counts'];
  };
  /** The most recent runs, newest first. */
  readonly history: readonly RunSummary[];
}

/** The first 50 mailboxes that need a look: answers fast at any size. */
export const DEFAULT_MAILBOX_SELECTION: MailboxSelection = { only: 'not-healthy', limit: 50 };
const HISTORY = 10;
const PAGE = 500;
/** Marks what a site that stopped responding last said: it may no longer be true. */
export const LAST_KNOWN = '(last known) ';

/** Reads what sites report (they are the only writers of these keys), in pages: never a whole run. */
export class TaskStatusService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(ref: string, selection: MailboxSelection = DEFAULT_MAILBOX_SELECTION): Promise<TaskStatusView> {
    const task = await this.ctx.tasks.resolve(ref.trim());
    // Run ids start with a compact UTC time, so the last keys are the newest runs.
    const [{ reported, site }, runs] = await Promise.all([
      readTaskActivity(this.ctx, task),
      this.ctx.store.list<RunRecord>(runPrefix(task.site, task.id), { reverse: true, limit: HISTORY }),
    ]);
    const history = runs.map(({ value }) => historyEntry(value));
    const latest = runs[0]?.value;
    const read = latest
      ? await this.readMailboxes(task.site, latest, selection)
      : { mailboxes: {}, truncated: false };
    const view = {
      site,
      mailboxes: read.mailboxes,
      selection: {
        ...selection,
        truncated: read.truncated,
        ...(latest ? { runId: latest.runId, counts: latest.counts } : {}),
      },
      history,
    };
    if (reported) {
      const status = site.health === 'not responding' ? asUnknown(reported) : reported;
      return { ...status, ...view };
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
      ...view,
    };
  }

  /** What each site last said about itself (version, host, last active), keyed by site code. */
  async siteRuntime(code: string): Promise<SiteRuntimeInfo | undefined> {
    return (await this.ctx.store.get<SiteRuntimeInfo>(siteInfoKey(code)))?.value;
  }

  /** The run's mailbox rows in address order, a page at a time, until the selection is full. */
  private async readMailboxes(site: string, run: RunRecord, selection: MailboxSelection) {
    const prefix = runMailboxPrefix(site, run.taskId, run.runId);
    const limit = selection.limit ?? Infinity;
    const mailboxes: Record<string, MailboxProgress> = {};
    let taken = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.ctx.store.list<RunMailboxRow>(prefix, {
        limit: PAGE,
        ...(after ? { after } : {}),
      });
      for (const { value } of page) {
        if (selection.only === 'not-healthy' && value.state === 'Healthy') continue;
        if (taken === limit) return { mailboxes, truncated: true };
        const { runId: _run, mailbox, ...progress } = value;
        mailboxes[mailbox] = progress;
        taken++;
      }
      if (page.length < PAGE) return { mailboxes, truncated: false };
      after = page.at(-1)?.key;
    }
  }
}

/** A run as history shows it: everything but the per-process details (records written before the
 * per-mailbox rows existed also carried their mailboxes). */
function historyEntry(run: RunRecord & { mailboxes?: unknown }): RunSummary {
  const { warnings: _w, pid: _p, mailboxes: _m, ...entry } = run;
  return entry;
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
