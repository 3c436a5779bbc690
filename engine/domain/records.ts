import type { Recurrence } from './schedule.ts';
import type { DefinitionSettings, TaskType } from './definitions/index.ts';
import type { Target } from './target.ts';

/** Bookkeeping every stored config record carries; `version` starts at 1 and grows with each change. */
export interface RecordMeta {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly modifiedAt: string;
  readonly modifiedBy: string;
}

export interface SiteRecord extends RecordMeta {
  readonly code: string;
  readonly description: string;
  readonly enabled: boolean;
}

export interface ScheduleRecord extends RecordMeta {
  readonly name: string;
  readonly description: string;
  readonly timeZone: string;
  readonly recurrence: Recurrence;
}

export type DefinitionRecord = {
  [T in TaskType]: RecordMeta & {
    readonly name: string;
    readonly description: string;
    readonly type: T;
    readonly settings: DefinitionSettings[T];
  };
}[TaskType];

export interface TaskRecord extends RecordMeta {
  readonly name: string;
  readonly description: string;
  readonly site: string;
  readonly type: TaskType;
  readonly definitionId: string;
  readonly scheduleId: string;
  readonly target: Target;
  readonly enabled: boolean;
}

export type RecordKind = 'site' | 'schedule' | 'definition' | 'task';
export type ConfigRecord = SiteRecord | ScheduleRecord | DefinitionRecord | TaskRecord;
