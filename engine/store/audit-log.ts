import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { AUDIT_PREFIX, auditKey } from './keys.ts';

/** `undo`: a change put back by the services because it lost a race (e.g. its schedule was removed meanwhile). */
export type AuditAction = 'create' | 'update' | 'remove' | 'undo' | 'run-now' | 'cancel';

/** One change made through the services: who, when, what, and the record before and after. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly kind: string;
  readonly recordId: string;
  readonly label: string;
  readonly before: unknown;
  readonly after: unknown;
}

export class AuditLog {
  constructor(
    private readonly store: KvStore,
    private readonly clock: Clock,
  ) {}

  async append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const full: AuditEntry = { ...entry, id: randomUUID(), at: entry.at ?? this.clock.now().toISOString() };
    // Each entry has its own key, so concurrent writers never overwrite one another.
    await this.store.set(auditKey(full.at, full.id), full);
    return full;
  }

  /** Oldest first. */
  async list(): Promise<AuditEntry[]> {
    return (await this.store.list<AuditEntry>(AUDIT_PREFIX)).map((e) => e.value);
  }
}
