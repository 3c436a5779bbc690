import type { CalendarQuery, ReplicaCalendarItem } from '../../../ports/replica-store.ts';
import { SCOPE, lastPerKey, scopeParams, type BoundScope } from './scope-sql.ts';
import { chunks, placeholders, type SqlExecutor } from './sql-connection.ts';

export const DEFAULT_CALENDAR_LIMIT = 500;
/** A series with no end (or one counted in occurrences) reaches every later instant. */
const NO_END = '9999-12-31T23:59:59.999Z';

/**
 * The last instant an item covers: its end, or for a series master the end of its recurrence range.
 * The range's endDate is a calendar date in the organizer's zone, so the whole day after it counts.
 */
export function reachEnd(item: ReplicaCalendarItem): string {
  if (item.type !== 'seriesMaster') return item.end;
  const range = (item.recurrence?.['range'] ?? {}) as { type?: unknown; endDate?: unknown };
  if (
    range.type === 'endDate' &&
    typeof range.endDate === 'string' &&
    /^\d{4}-\d{2}-\d{2}/.test(range.endDate)
  ) {
    const dayAfter = new Date(`${range.endDate.slice(0, 10)}T00:00:00.000Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 2);
    const rangeEnd = dayAfter.toISOString();
    return rangeEnd > item.end ? rangeEnd : item.end;
  }
  return NO_END;
}

/** Whole items replace what was kept; the first time one was seen stays. */
export async function upsertCalendarItems(
  db: SqlExecutor,
  bound: BoundScope,
  items: readonly ReplicaCalendarItem[],
): Promise<void> {
  for (const batch of chunks(
    lastPerKey(items, (i) => i.id),
    200,
  ))
    await db.run(
      `INSERT INTO replica_calendar_items (ns, task, mailbox, id, calendar_id, start_at, reach_end,
         series_master_id, last_modified, first_seen, last_seen, data)
       VALUES ${batch.map(() => `(${placeholders(12)})`).join(', ')}
       ON CONFLICT (ns, task, mailbox, id) DO UPDATE SET calendar_id = excluded.calendar_id,
         start_at = excluded.start_at, reach_end = excluded.reach_end,
         series_master_id = excluded.series_master_id,
         last_modified = excluded.last_modified, last_seen = excluded.last_seen, data = excluded.data`,
      batch.flatMap((item) => [
        ...scopeParams(bound),
        item.id,
        item.calendarId,
        item.start,
        reachEnd(item),
        item.seriesMasterId ?? null,
        item.lastModified ?? null,
        item.firstSeen,
        item.lastSeen,
        JSON.stringify(item),
      ]),
    );
}

/** Deleting a series master deletes its exceptions too: they are occurrences of it. */
export async function deleteCalendarItems(db: SqlExecutor, bound: BoundScope, ids: readonly string[]) {
  let deleted = 0;
  for (const batch of chunks([...new Set(ids)], 500)) {
    const list = placeholders(batch.length);
    deleted += await db.run(
      `DELETE FROM replica_calendar_items WHERE ${SCOPE} AND (id IN (${list}) OR series_master_id IN (${list}))`,
      [...scopeParams(bound), ...batch, ...batch],
    );
  }
  return deleted;
}

export async function pruneExceptions(
  db: SqlExecutor,
  bound: BoundScope,
  seriesMasterId: string,
  keep: readonly string[],
): Promise<number> {
  const kept = [...new Set(keep)];
  // Exceptions of one series are few (one per changed occurrence): one statement holds them.
  return db.run(
    `DELETE FROM replica_calendar_items WHERE ${SCOPE} AND series_master_id = ?${
      kept.length ? ` AND id NOT IN (${placeholders(kept.length)})` : ''
    }`,
    [...scopeParams(bound), seriesMasterId, ...kept],
  );
}

export function sweepCalendar(db: SqlExecutor, bound: BoundScope, calendarId: string, seenSince: string) {
  return db.run(`DELETE FROM replica_calendar_items WHERE ${SCOPE} AND calendar_id = ? AND last_seen < ?`, [
    ...scopeParams(bound),
    calendarId,
    seenSince,
  ]);
}

export function dropCalendar(db: SqlExecutor, bound: BoundScope, calendarId: string) {
  return db.run(`DELETE FROM replica_calendar_items WHERE ${SCOPE} AND calendar_id = ?`, [
    ...scopeParams(bound),
    calendarId,
  ]);
}

export async function calendarVersions(
  db: SqlExecutor,
  bound: BoundScope,
  ids: readonly string[],
): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const batch of chunks([...new Set(ids)], 500))
    for (const row of await db.all<{ id: string; last_modified: string | null }>(
      `SELECT id, last_modified FROM replica_calendar_items
        WHERE ${SCOPE} AND id IN (${placeholders(batch.length)})`,
      [...scopeParams(bound), ...batch],
    ))
      out.set(row.id, row.last_modified ?? undefined);
  return out;
}

/** Marks items seen without rewriting them (their last_seen column; the stored JSON keeps the rest). */
export async function touchCalendarItems(
  db: SqlExecutor,
  bound: BoundScope,
  ids: readonly string[],
  at: string,
) {
  for (const batch of chunks([...new Set(ids)], 500))
    await db.run(
      `UPDATE replica_calendar_items SET last_seen = ? WHERE ${SCOPE} AND id IN (${placeholders(batch.length)})`,
      [at, ...scopeParams(bound), ...batch],
    );
}

export async function calendarIds(db: SqlExecutor, bound: BoundScope): Promise<string[]> {
  const rows = await db.all<{ calendar_id: string }>(
    `SELECT DISTINCT calendar_id FROM replica_calendar_items WHERE ${SCOPE} ORDER BY calendar_id`,
    scopeParams(bound),
  );
  return rows.map((r) => r.calendar_id);
}

/** Items that end at or after `from` and start before `to`, soonest first. */
export async function queryCalendar(
  db: SqlExecutor,
  bound: BoundScope,
  query: CalendarQuery = {},
): Promise<ReplicaCalendarItem[]> {
  const params: unknown[] = [...scopeParams(bound)];
  let where = SCOPE;
  if (query.from !== undefined) {
    where += ' AND reach_end >= ?';
    params.push(query.from);
  }
  if (query.to !== undefined) {
    where += ' AND start_at < ?';
    params.push(query.to);
  }
  const rows = await db.all<{ data: string; first_seen: string; last_seen: string }>(
    `SELECT data, first_seen, last_seen FROM replica_calendar_items WHERE ${where} ORDER BY start_at, id LIMIT ?`,
    [...params, query.limit ?? DEFAULT_CALENDAR_LIMIT],
  );
  // The stored JSON is the latest upsert; the first and last sightings are the columns', which
  // upserts keep (first) and touches move (last) without rewriting the JSON.
  return rows.map((r) => ({
    ...(JSON.parse(r.data) as ReplicaCalendarItem),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}
