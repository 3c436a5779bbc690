import type { AuditEntry } from '../store/audit-log.ts';
import type { ServiceContext } from './service-context.ts';

export interface AuditQuery {
  kind?: string | undefined;
  /** Only the newest N entries. */
  limit?: number | undefined;
}

/** Read-only view of every change made through the services. */
export class AuditService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Oldest first. */
  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    let entries = await this.ctx.audit.list();
    if (query.kind) entries = entries.filter((e) => e.kind === query.kind);
    if (query.limit !== undefined) entries = entries.slice(Math.max(0, entries.length - query.limit));
    return entries;
  }
}

/** The top-level fields an update changed, e.g. ["scheduleId", "enabled"]. */
export function changedFields(entry: AuditEntry): string[] {
  if (entry.action !== 'update') return [];
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const bookkeeping = new Set(['version', 'modifiedAt', 'modifiedBy']);
  return Object.keys(after).filter(
    (k) => !bookkeeping.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}
