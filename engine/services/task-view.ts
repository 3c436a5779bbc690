import type { DefinitionRecord, ScheduleRecord, TaskRecord } from '../domain/records.ts';

/** A task with its references resolved, the way every front-end shows it. */
export interface TaskView extends TaskRecord {
  readonly scheduleName: string;
  readonly definitionName: string;
}

export function toTaskView(
  task: TaskRecord,
  schedules: ReadonlyMap<string, ScheduleRecord>,
  definitions: ReadonlyMap<string, DefinitionRecord>,
): TaskView {
  return {
    ...task,
    scheduleName: schedules.get(task.scheduleId)?.name ?? `(missing schedule ${task.scheduleId})`,
    definitionName: definitions.get(task.definitionId)?.name ?? `(missing definition ${task.definitionId})`,
  };
}
