/** The engine's public surface: what bot/, tui/, adaptive-cards/ and the CLI may import. */
export * from './errors/index.ts';
export * from './domain/records.ts';
export * from './domain/task-status.ts';
export { TASK_TYPES, TASK_TYPE_LABELS, type TaskType } from './domain/definitions/index.ts';
export { RECURRENCE_TYPES, type Recurrence, type RecurrenceType } from './domain/schedule.ts';
export { describeRecurrence } from './domain/describe-recurrence.ts';
export { TARGET_KINDS, describeTarget, type Target, type TargetKind } from './domain/target.ts';
export type { KvStore, StoredValue } from './ports/kv-store.ts';
export { systemClock, type Clock } from './ports/clock.ts';
export { openStore, type StoreOptions } from './adapters/store/open-store.ts';
export { createServices, type Services } from './services/create-services.ts';
export type { TaskView } from './services/task-view.ts';
export type { AuditEntry } from './store/audit-log.ts';
export { changedFields } from './services/audit-service.ts';
export * as templates from './services/templates.ts';
export { readEnvironment, EnvironmentError, type Environment } from './config/environment.ts';
export { createLogger, type Logger } from './logging/logger.ts';
export { readConfigVersion } from './store/config-version.ts';
