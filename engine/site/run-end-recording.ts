import type { Logger } from '../logging/logger.ts';
import type { ActiveRun } from './active-run.ts';
import type { MailboxLocks } from './mailbox-lock.ts';
import { describeRunEnd } from './run-ending.ts';
import type { SiteReporter } from './site-reporter.ts';
import { untilItLands, withStoreRetry } from './store-retry.ts';
import type { RunEnd } from './task-runner.ts';
import { summarise, type TaskMemory, type TaskStatusBoard } from './task-status-board.ts';

export interface RunEndRecording {
  readonly locks: MailboxLocks;
  readonly board: TaskStatusBoard;
  readonly reporter: SiteReporter;
  readonly logger: Logger;
  readonly cancelGraceSeconds: number;
  /** Fires when the site stops: the writes below stop retrying then. */
  readonly stopping: AbortSignal;
}

/**
 * Records how a run ended, however it ended: its locks are released (a terminated or crashed worker
 * never releases its own) and its end is written, each retried until the store takes it. Returns the
 * task's memory with this run as its last.
 */
export async function recordRunEnd(r: RunEndRecording, run: ActiveRun, end: RunEnd): Promise<TaskMemory> {
  const ending = describeRunEnd(end, r.cancelGraceSeconds);
  run.tracker.finish(ending.state, ending.reason, ending.code);
  const mustLand = untilItLands(r.stopping, (e) =>
    r.reporter.warn(`recording the end of run ${run.runId}; retrying`, e),
  );
  const released = await withStoreRetry(() => r.locks.releaseRun(run.runId), mustLand);
  if (released > 0 && (end.terminated || end.crash))
    r.logger.info(
      { runId: run.runId, released },
      'released the mailbox locks of a worker that did not end itself',
    );
  await withStoreRetry(() => r.board.writeRun(run.tracker), mustLand);
  const memory = await withStoreRetry(() => r.board.load(run.plan.task.id), mustLand);
  memory.lastRun = summarise(run.tracker.current);
  return memory;
}
