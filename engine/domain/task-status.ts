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
  'Not yet reported',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface RunSummary {
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly outcome: 'succeeded' | 'failed' | 'cancelled' | 'interrupted' | 'partial';
  readonly mailboxes: { total: number; done: number; failed: number; skipped: number; waiting: number };
}

export interface TaskStatus {
  readonly taskId: string;
  readonly state: TaskState;
  /** What the task is doing right now, in admin words ("Replicating folders of alice@contoso.com"). */
  readonly command: string;
  /** Progress in words ("12 of 40 mailboxes done"). */
  readonly latestDetail: string;
  /** Successful submissions to the platform (folder and calendar replication). */
  readonly sequence: number;
  readonly nextRun?: string;
  readonly lastRun?: RunSummary;
  readonly reportedAt?: string;
}
