import type { TaskType } from '../domain/definitions/index.ts';
import { TASK_TYPE_LABELS } from '../domain/definitions/index.ts';
import { folderCount } from './folder-count.ts';
import type { TaskTypeHandler } from './task-type.ts';

/** The task types this version of the engine can run. */
const HANDLERS: Partial<Record<TaskType, TaskTypeHandler>> = {
  'folder-count': folderCount,
};

export class TaskTypeUnavailableError extends Error {}

export function handlerFor(type: TaskType): TaskTypeHandler {
  const handler = HANDLERS[type];
  if (!handler)
    throw new TaskTypeUnavailableError(
      `${TASK_TYPE_LABELS[type]} cannot run on this version of the engine yet`,
    );
  return handler;
}
