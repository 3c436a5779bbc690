import type { TaskType } from '../domain/definitions/index.ts';
import { TASK_TYPE_LABELS } from '../domain/definitions/index.ts';
import { calendarReplication } from './calendar-replication/calendar-replication.ts';
import { folderCount } from './folder-count.ts';
import { folderReplication } from './folder-replication/folder-replication.ts';
import type { AnyTaskTypeHandler } from './task-type.ts';

/** The task types this version of the engine can run. */
const HANDLERS: Partial<Record<TaskType, AnyTaskTypeHandler>> = {
  'folder-count': folderCount,
  'folder-replication': folderReplication,
  'calendar-replication': calendarReplication,
};

export class TaskTypeUnavailableError extends Error {
  readonly code = 'task-type-unavailable';
}

export function handlerFor(type: TaskType): AnyTaskTypeHandler {
  const handler = HANDLERS[type];
  if (!handler)
    throw new TaskTypeUnavailableError(
      `${TASK_TYPE_LABELS[type]} cannot run on this version of the engine yet`,
    );
  return handler;
}

/** What a module that supplies task types exports (the worker loads the production registry, tests another). */
export interface TaskTypesModule {
  handlerFor(type: TaskType): AnyTaskTypeHandler;
}
