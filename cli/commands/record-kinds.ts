import {
  RECURRENCE_TYPES,
  TARGET_KINDS,
  TASK_TYPES,
  templates,
  type DefinitionRecord,
  type RecordMeta,
  type ScheduleRecord,
  type SiteView,
  type TaskView,
  type RecurrenceType,
  type Services,
  type TargetKind,
  type TaskType,
} from '../../engine/index.ts';
import {
  definitionFormat,
  scheduleFormat,
  siteFormat,
  taskFormat,
  type RecordFormat,
} from '../output/format-records.ts';

/** The CRUD surface every config kind shares in the services. */
export interface RecordService<R> {
  list(): Promise<R[]>;
  get(ref: string): Promise<R>;
  create(input: unknown, actor: string): Promise<R>;
  update(ref: string, input: unknown, actor: string): Promise<R>;
  remove(ref: string, actor: string, basedOnVersion?: number): Promise<R>;
}

export interface TemplateOption {
  flag: string;
  description: string;
  choices: readonly string[];
}

/** How the CLI presents one kind of config record. */
export interface RecordKind<R extends RecordMeta> {
  name: 'site' | 'schedule' | 'definition' | 'task';
  summary: string;
  refHelp: string;
  service(services: Services): RecordService<R>;
  format: RecordFormat<R>;
  label(record: R): string;
  templateOptions: TemplateOption[];
  template(options: Record<string, string | undefined>): unknown;
}

const kinds = [
  {
    name: 'site',
    summary: 'engine instances on site hosts (code, description, enabled)',
    refHelp: 'site code',
    service: (s) => s.sites,
    format: siteFormat,
    label: (r) => r.code,
    templateOptions: [],
    template: () => templates.siteTemplate(),
  } satisfies RecordKind<SiteView>,
  {
    name: 'schedule',
    summary: 'reusable schedules: one-off, daily-once, daily-many, weekly',
    refHelp: 'schedule name or id',
    service: (s) => s.schedules,
    format: scheduleFormat,
    label: (r) => `"${r.name}"`,
    templateOptions: [{ flag: 'type', description: 'recurrence type', choices: RECURRENCE_TYPES }],
    template: (o) => templates.scheduleTemplate(o['type'] as RecurrenceType | undefined),
  } satisfies RecordKind<ScheduleRecord>,
  {
    name: 'definition',
    summary: 'reusable settings for one task type',
    refHelp: 'definition name or id',
    service: (s) => s.definitions,
    format: definitionFormat,
    label: (r) => `"${r.name}"`,
    templateOptions: [{ flag: 'type', description: 'task type', choices: TASK_TYPES }],
    template: (o) => templates.definitionTemplate(o['type'] as TaskType | undefined),
  } satisfies RecordKind<DefinitionRecord>,
  {
    name: 'task',
    summary: 'Exchange tasks: site + type + definition + schedule + target',
    refHelp: 'task name or id',
    service: (s) => s.tasks,
    format: taskFormat,
    label: (r) => `"${r.name}"`,
    templateOptions: [
      { flag: 'type', description: 'task type', choices: TASK_TYPES },
      { flag: 'target-kind', description: 'target kind', choices: TARGET_KINDS },
    ],
    template: (o) =>
      templates.taskTemplate(o['type'] as TaskType | undefined, o['targetKind'] as TargetKind | undefined),
  } satisfies RecordKind<TaskView>,
] as const;

export const RECORD_KINDS: readonly RecordKind<RecordMeta>[] = kinds;
