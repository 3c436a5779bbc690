import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { RunTracker } from './run-tracker.ts';
import type { TaskPlan } from './task-plan.ts';

/** A run the site has started and not yet closed. */
export interface ActiveRun {
  readonly runId: string;
  readonly plan: TaskPlan;
  readonly tracker: RunTracker;
}

/** Run ids start with a compact UTC time, so a task's run keys list oldest to newest. */
export function newRunId(clock: Clock): string {
  return `${clock.now().toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
}
