import type { RunRecord } from '../domain/run.ts';
import type { RunSummary, TaskState, TaskStatus } from '../domain/task-status.ts';
import type { Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { runKey, runMailboxKey, taskStatusKey } from '../store/keys.ts';
import { PlatformStore } from '../platform/platform-store.ts';
import { RunTracker } from './run-tracker.ts';
import type { SiteEvents } from './site-events.ts';

/** What the site knows about one task between runs. */
export interface TaskMemory {
  sequence: number;
  lastRun?: RunSummary;
  skippedFirings: { at: string; reason: string }[];
}

export function summarise(run: RunRecord): RunSummary {
  return {
    runId: run.runId,
    trigger: run.trigger,
    state: run.state,
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.reason ? { reason: run.reason } : {}),
    counts: run.counts,
  };
}

/** Row writes in flight at once: enough to keep the store busy, few enough to retry cheaply. */
const ROW_WRITES_AT_ONCE = 64;

/**
 * Writes task statuses and runs for the site (their only writer) and emits the same as events.
 * Frequent progress is coalesced; state changes are written at once. A run is written as its summary
 * plus the rows of the mailboxes that changed since its last write, so a write costs what changed,
 * not the size of the run. Writes happen one flush at a time, so an older value never lands last.
 */
export class TaskStatusBoard {
  private readonly pending = new Map<string, () => TaskStatus>();
  private readonly pendingRuns = new Map<string, RunTracker | RunRecord>();
  private flushTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly clock: Clock,
    private readonly events: SiteEvents,
    private readonly coalesceMs = 300,
  ) {}

  /** The task's memory, with Sequence counted from the platform itself (it survives any crash). */
  async load(taskId: string): Promise<TaskMemory> {
    const status = (await this.store.get<TaskStatus>(taskStatusKey(this.site, taskId)))?.value;
    return {
      sequence: await new PlatformStore(this.store).count(taskId),
      ...(status?.lastRun ? { lastRun: status.lastRun } : {}),
      skippedFirings: [...(status?.skippedFirings ?? [])],
    };
  }

  compose(input: {
    taskId: string;
    enabled: boolean;
    appliedVersion: number;
    memory: TaskMemory;
    nextRun: Date | undefined;
    active: RunTracker | undefined;
  }): TaskStatus {
    const { active, memory } = input;
    const last = memory.lastRun;
    const state: TaskState = active
      ? active.onlyWaiting
        ? 'Waiting'
        : 'Running'
      : !input.enabled
        ? 'Disabled'
        : last && ['failed', 'partial', 'interrupted'].includes(last.state)
          ? 'Needs attention'
          : input.nextRun
            ? 'Scheduled'
            : 'Not scheduled';
    return {
      taskId: input.taskId,
      state,
      command: active?.command ?? '',
      latestDetail: active ? active.detail() : describeLast(last, memory.skippedFirings[0]),
      sequence: memory.sequence + (active?.submissions ?? 0),
      ...(input.nextRun ? { nextRun: input.nextRun.toISOString() } : {}),
      ...(active ? { currentRun: summarise(active.current) } : {}),
      ...(last ? { lastRun: last } : {}),
      ...(memory.skippedFirings.length ? { skippedFirings: memory.skippedFirings.slice(0, 10) } : {}),
      appliedVersion: input.appliedVersion,
      reportedAt: this.clock.now().toISOString(),
    };
  }

  /** Writes now (state changes) or within the coalescing window (progress). */
  publish(taskId: string, status: () => TaskStatus, now: boolean): Promise<void> {
    this.pending.set(taskId, status);
    if (now) return this.flush();
    this.flushTimer ??= setTimeout(() => this.flushLater(), this.coalesceMs);
    return Promise.resolve();
  }

  /**
   * Writes a run now (start, end) or within the coalescing window (per-mailbox progress: a mailbox
   * that changes several times in a window is written once). A tracker's summary and changed rows are
   * read when the write happens; a bare record (a run closed without its tracker) is its summary only.
   */
  async writeRun(run: RunTracker | RunRecord, now = true): Promise<void> {
    const record = run instanceof RunTracker ? run.current : run;
    this.pendingRuns.set(record.runId, run);
    this.events.emit('run-updated', record);
    if (now) return this.flush();
    this.flushTimer ??= setTimeout(() => this.flushLater(), this.coalesceMs);
  }

  private async writeRows(run: RunTracker): Promise<void> {
    const { site } = this;
    const { taskId } = run.current;
    const rows = run.takeChangedRows();
    for (let start = 0; start < rows.length; start += ROW_WRITES_AT_ONCE) {
      const chunk = rows.slice(start, start + ROW_WRITES_AT_ONCE);
      // allSettled, not all: a write still in flight when another fails must not land after the next
      // flush wrote a newer value of that row.
      const settled = await Promise.allSettled(
        chunk.map((row) => this.store.set(runMailboxKey(site, taskId, row.runId, row.mailbox), row)),
      );
      const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) {
        const unwritten = chunk.filter((_, i) => settled[i]?.status === 'rejected');
        run.markChanged([...unwritten, ...rows.slice(start + ROW_WRITES_AT_ONCE)].map((row) => row.mailbox));
        throw failure.reason instanceof Error ? failure.reason : new Error('a mailbox row write failed');
      }
    }
  }

  async remove(taskId: string): Promise<void> {
    this.pending.delete(taskId);
    await this.store.delete(taskStatusKey(this.site, taskId));
  }

  /** Writes everything pending, after any write in progress. */
  flush(): Promise<void> {
    const done = this.writing.then(() => this.flushNow());
    this.writing = done.catch(() => undefined);
    return done;
  }

  private async flushNow(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const runs = [...this.pendingRuns.values()];
    this.pendingRuns.clear();
    const batch = [...this.pending.entries()];
    this.pending.clear();
    // Each key is written on its own: one that fails does not hold back the others. What did not land
    // goes back in the queue (unless something newer came meanwhile) and the first failure is thrown.
    let failure: unknown;
    for (const run of runs) {
      const runId = run instanceof RunTracker ? run.current.runId : run.runId;
      try {
        if (run instanceof RunTracker) await this.writeRows(run);
        const record = run instanceof RunTracker ? run.current : run;
        await this.store.set(runKey(this.site, record.taskId, record.runId), record);
      } catch (error) {
        // A tracker kept the rows that did not land; its summary is read afresh at the next flush.
        failure ??= error;
        if (!this.pendingRuns.has(runId)) this.pendingRuns.set(runId, run);
      }
    }
    for (const [taskId, compose] of batch) {
      try {
        const status = compose();
        await this.store.set(taskStatusKey(this.site, taskId), status);
        this.events.emit('task-status', status);
      } catch (error) {
        failure ??= error;
        if (!this.pending.has(taskId)) this.pending.set(taskId, compose);
      }
    }
    if (failure instanceof Error) throw failure;
    if (failure !== undefined) throw new Error('a status write failed', { cause: failure });
  }

  /** Forgets a run record not yet written (a run that could not be started). */
  discardRun(runId: string): void {
    this.pendingRuns.delete(runId);
  }

  /** A timed flush: a store failure is retried at the next window instead of surfacing anywhere. */
  private flushLater(): void {
    this.flush().catch(() => {
      this.flushTimer ??= setTimeout(() => this.flushLater(), Math.max(this.coalesceMs, 1000));
    });
  }
}

function describeLast(
  last: RunSummary | undefined,
  skipped: { at: string; reason: string } | undefined,
): string {
  const skippedNote = skipped ? ` ${skipped.reason}.` : '';
  if (!last) return `Waiting for the first run.${skippedNote}`.trim();
  const c = last.counts;
  const when = (last.finishedAt ?? last.startedAt).replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const reason = last.reason ? ` ${last.reason}.` : '';
  return `Last run ${last.state} at ${when}: ${c.done} of ${c.total} mailboxes done, ${c.failed} failed, ${c.skipped} skipped.${reason}${skippedNote}`;
}
