/**
 * One execution of a task (a "run"), as its site records it. Written only by that site: the run's
 * summary in one record, each mailbox's progress in a row of its own (see keys.ts), so that progress
 * on one mailbox rewrites one small row, not a record that grows with the target.
 */
export const RUN_OUTCOMES = ['succeeded', 'partial', 'failed', 'cancelled', 'interrupted'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
export type RunState = 'running' | RunOutcome;
export type RunTrigger = 'schedule' | 'manual' | 'resume';

/** Per-mailbox state, in the vocabulary of Mimecast's Sync & Recover progress reporting. */
export type MailboxState = 'Pending' | 'Running' | 'Waiting' | 'Healthy' | 'Skipped' | 'Failed';

export interface MailboxProgress {
  readonly state: MailboxState;
  readonly reason?: string;
  /** With a Failed reason: a stable code (run-failure.ts) a card or the dashboard can act on. */
  readonly code?: string;
  /** Successful submissions to the platform for this mailbox in this run. */
  readonly submissions: number;
  readonly updatedAt: string;
}

/** One mailbox's progress in one run, as stored (`runMailboxKey`). */
export interface RunMailboxRow extends MailboxProgress {
  readonly runId: string;
  readonly mailbox: string;
}

export interface RunCounts {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
  readonly waiting: number;
}

export interface RunRecord {
  readonly runId: string;
  readonly taskId: string;
  readonly site: string;
  readonly trigger: RunTrigger;
  /** The first attempt's run id; a run resumed after a crash continues that attempt. */
  readonly attemptOf: string;
  readonly state: RunState;
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** Why a run failed, was cancelled or interrupted, in admin words. */
  readonly reason?: string;
  /** With `reason` for a failed run: a stable code (run-failure.ts). */
  readonly code?: string;
  /** The task's config version the run used (changes made meanwhile apply to the next run). */
  readonly taskVersion: number;
  readonly pid: number;
  readonly counts: RunCounts;
  readonly warnings: readonly string[];
}
