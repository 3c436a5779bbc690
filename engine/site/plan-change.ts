import type { TaskPlan } from './task-plan.ts';

export type PlanChange = 'added' | 'changed' | 'removed' | 'unchanged';

/** How a task's plan moved between what the site applies and what the store now says. */
export function planChange(current: TaskPlan | undefined, next: TaskPlan | undefined): PlanChange {
  if (!current) return next ? 'added' : 'unchanged';
  if (!next) return 'removed';
  const same =
    current.task.version === next.task.version &&
    current.schedule.version === next.schedule.version &&
    current.definition.version === next.definition.version;
  return same ? 'unchanged' : 'changed';
}
