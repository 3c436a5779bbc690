import type { DefinitionRecord, ScheduleRecord, SiteRecord, TaskRecord } from '../domain/records.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { AuditLog } from '../store/audit-log.ts';
import { RecordRepository } from '../store/record-repository.ts';
import { AuditService } from './audit-service.ts';
import { DefinitionService } from './definition-service.ts';
import { ScheduleService } from './schedule-service.ts';
import type { ServiceContext } from './service-context.ts';
import { SiteService } from './site-service.ts';
import { SiteEventService } from './site-event-service.ts';
import { TaskService } from './task-service.ts';
import { TaskStatusService } from './task-status-service.ts';
import { TaskCommandService } from './task-command-service.ts';

/** The engine's public API: what the bot, the dashboard and the CLI call. */
export interface Services {
  readonly sites: SiteService;
  readonly schedules: ScheduleService;
  readonly definitions: DefinitionService;
  readonly tasks: TaskService;
  readonly taskStatus: TaskStatusService;
  /** Run now and cancel, carried to the task's site through the store. */
  readonly taskCommands: TaskCommandService;
  readonly audit: AuditService;
  /** Each site's event feed, for readers in other processes (bot alerts, dashboard, CLI). */
  readonly siteEvents: SiteEventService;
  readonly store: KvStore;
}

export interface ServicesOptions {
  /** How long a name claim without its record counts as a create in progress (tests shorten it). */
  readonly claimGraceMs?: number;
}

export function createServices(
  store: KvStore,
  clock: Clock = systemClock,
  options: ServicesOptions = {},
): Services {
  const audit = new AuditLog(store, clock);
  const common = { store, audit, clock, claimGraceMs: options.claimGraceMs };
  const ctx: ServiceContext = {
    ...common,
    sites: new RecordRepository<SiteRecord>({ ...common, kind: 'site', label: (s) => s.code }),
    schedules: new RecordRepository<ScheduleRecord>({
      ...common,
      kind: 'schedule',
      nameOf: (s) => s.name,
      label: (s) => `"${s.name}"`,
    }),
    definitions: new RecordRepository<DefinitionRecord>({
      ...common,
      kind: 'definition',
      nameOf: (d) => d.name,
      label: (d) => `"${d.name}"`,
    }),
    tasks: new RecordRepository<TaskRecord>({
      ...common,
      kind: 'task',
      nameOf: (t) => t.name,
      label: (t) => `"${t.name}"`,
    }),
  };
  return {
    sites: new SiteService(ctx),
    schedules: new ScheduleService(ctx),
    definitions: new DefinitionService(ctx),
    tasks: new TaskService(ctx),
    taskStatus: new TaskStatusService(ctx),
    taskCommands: new TaskCommandService(ctx),
    audit: new AuditService(ctx),
    siteEvents: new SiteEventService(store),
    store,
  };
}
