import type { RunCounts, RunState, RunTrigger } from './run.ts';

/**
 * What a task is doing, as the seed's "Information" panel shows it. Written only by the task's site;
 * until a site has reported, the status is derived from configuration.
 */
export const TASK_STATES = [
  'Scheduled',
  'Running',
  'Waiting',
  'Disabled',
  'Needs attention',
  'Not scheduled',
  'Not yet reported',
  /** The task's site stopped heartbeating (killed, host down): what it last reported may be stale. */
  'Unknown',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface RunSummary {
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly state: RunState;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly reason?: string;
  readonly counts: RunCounts;
}

export interface TaskStatus {
  readonly taskId: string;
  readonly state: TaskState;
  /** What the task is doing right now, in admin words ("Reading folders of alice@contoso.com"). */
  readonly command: string;
  /** Progress in words ("12 of 40 mailboxes done"). */
  readonly latestDetail: string;
  /** Successful submissions to the platform (folder and calendar replication). */
  readonly sequence: number;
  readonly nextRun?: string;
  /** The run in progress, if any. */
  readonly currentRun?: RunSummary;
  readonly lastRun?: RunSummary;
  /** Firings that found the previous run still going, newest first (a task never runs twice at once). */
  readonly skippedFirings?: readonly { readonly at: string; readonly reason: string }[];
  /** The config version of the task the site is applying (a change made during a run waits for its end). */
  readonly appliedVersion?: number;
  readonly reportedAt?: string;
}
