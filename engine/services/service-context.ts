import type { DefinitionRecord, ScheduleRecord, SiteRecord, TaskRecord } from '../domain/records.ts';
import type { Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { RecordRepository } from '../store/record-repository.ts';

/** What every service works on: one store, its repositories and the audit log. */
export interface ServiceContext {
  readonly store: KvStore;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly sites: RecordRepository<SiteRecord>;
  readonly schedules: RecordRepository<ScheduleRecord>;
  readonly definitions: RecordRepository<DefinitionRecord>;
  readonly tasks: RecordRepository<TaskRecord>;
}
