import type { ApplyContext, ItemApplyCounts, ReplicaItemChange } from '../../../ports/replica-store.ts';
import { planPage, type PagePlan } from './item-page-plan.ts';
import { ITEM_COLUMNS, type ItemRow } from './item-row.ts';
import { SCOPE, scopeParams, type BoundScope } from './scope-sql.ts';
import { chunks, placeholders, type SqlExecutor } from './sql-connection.ts';

const SELECT_ITEM = `SELECT ${ITEM_COLUMNS.join(', ')} FROM replica_items`;
/** Rows per multi-row statement: 21 columns × 200 stays far below both databases' parameter caps. */
const BATCH = 200;

/**
 * One page of one folder, inside the caller's transaction: two reads (the rows the page names, then
 * the rows an EWS move may join), the plan in memory, then a handful of batched writes.
 */
export async function applyItemPage(
  db: SqlExecutor,
  bound: BoundScope,
  folderId: string,
  changes: readonly ReplicaItemChange[],
  context: ApplyContext,
): Promise<ItemApplyCounts> {
  const ids = [...new Set(changes.map((c) => (c.kind === 'upsert' ? c.item.id : c.id)))];
  const known = new Map<string, ItemRow>();
  for (const batch of chunks(ids, 500))
    for (const row of await db.all<ItemRow & Record<string, unknown>>(
      `${SELECT_ITEM} WHERE ${SCOPE} AND id IN (${placeholders(batch.length)})`,
      [...scopeParams(bound), ...batch],
    ))
      known.set(row.id, row);
  await loadJoinCandidates(db, bound, folderId, changes, context.runId, known);
  const plan = planPage(folderId, changes, context, known);
  await writePlan(db, bound, plan);
  return plan.counts;
}

/**
 * Rows of other folders that this run either marked deleted or stored first, sharing an
 * InternetMessageId with a message the page stores anew or deletes: only those can be joined.
 */
async function loadJoinCandidates(
  db: SqlExecutor,
  bound: BoundScope,
  folderId: string,
  changes: readonly ReplicaItemChange[],
  runId: string,
  known: Map<string, ItemRow>,
): Promise<void> {
  const messageIds = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'upsert') {
      if (!known.has(change.item.id) && change.item.internetMessageId)
        messageIds.add(change.item.internetMessageId);
    } else if (change.kind === 'deleted') {
      const row = known.get(change.id);
      if (row?.internet_message_id && row.folder_id === folderId) messageIds.add(row.internet_message_id);
    }
  }
  for (const batch of chunks([...messageIds], 500))
    for (const row of await db.all<ItemRow & Record<string, unknown>>(
      `${SELECT_ITEM} WHERE ${SCOPE} AND internet_message_id IN (${placeholders(batch.length)})
         AND folder_id <> ?
         AND ((deleted_at IS NOT NULL AND deleted_in_run = ?) OR (deleted_at IS NULL AND first_seen_run = ?))`,
      [...scopeParams(bound), ...batch, folderId, runId, runId],
    ))
      if (!known.has(row.id)) known.set(row.id, row);
}

async function writePlan(db: SqlExecutor, bound: BoundScope, plan: PagePlan): Promise<void> {
  const scope = scopeParams(bound);
  for (const { from, to } of plan.rekeys)
    await db.run(`UPDATE replica_item_locations SET item_id = ? WHERE ${SCOPE} AND item_id = ?`, [
      to,
      ...scope,
      from,
    ]);
  for (const batch of chunks([...plan.removed], 500))
    await db.run(`DELETE FROM replica_items WHERE ${SCOPE} AND id IN (${placeholders(batch.length)})`, [
      ...scope,
      ...batch,
    ]);
  for (const batch of chunks([...plan.purged], 500))
    await db.run(
      `DELETE FROM replica_item_locations WHERE ${SCOPE} AND item_id IN (${placeholders(batch.length)})`,
      [...scope, ...batch],
    );
  for (const batch of chunks(plan.locations, BATCH))
    await db.run(
      `INSERT INTO replica_item_locations (ns, task, mailbox, item_id, folder_id, since, until)
       VALUES ${batch.map(() => `(${placeholders(7)})`).join(', ')}
       ON CONFLICT (ns, task, mailbox, item_id, since, folder_id) DO NOTHING`,
      batch.flatMap((l) => [...scope, l.itemId, l.folderId, l.since, l.until]),
    );
  const updates = ITEM_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  for (const batch of chunks([...plan.written.values()], BATCH))
    await db.run(
      `INSERT INTO replica_items (ns, task, mailbox, ${ITEM_COLUMNS.join(', ')})
       VALUES ${batch.map(() => `(${placeholders(3 + ITEM_COLUMNS.length)})`).join(', ')}
       ON CONFLICT (ns, task, mailbox, id) DO UPDATE SET ${updates}`,
      batch.flatMap((row) => [...scope, ...ITEM_COLUMNS.map((c) => row[c])]),
    );
}

/** After a full resync of one folder: its live rows the round did not report are gone. */
export function sweepFolderItems(
  db: SqlExecutor,
  bound: BoundScope,
  folderId: string,
  seenSince: string,
  at: string,
): Promise<number> {
  return db.run(
    `UPDATE replica_items SET deleted_at = ?
      WHERE ${SCOPE} AND folder_id = ? AND deleted_at IS NULL AND last_seen < ?`,
    [at, ...scopeParams(bound), folderId, seenSince],
  );
}

/** Removes the rows (and their history) whose current folder is one of `folderIds`. */
export async function dropItemsOfFolders(
  db: SqlExecutor,
  bound: BoundScope,
  folderIds: readonly string[],
): Promise<number> {
  const scope = scopeParams(bound);
  let dropped = 0;
  for (const batch of chunks(folderIds, 500)) {
    const inFolders = `folder_id IN (${placeholders(batch.length)})`;
    await db.run(
      `DELETE FROM replica_item_locations WHERE ${SCOPE} AND item_id IN
         (SELECT id FROM replica_items WHERE ${SCOPE} AND ${inFolders})`,
      [...scope, ...scope, ...batch],
    );
    dropped += await db.run(`DELETE FROM replica_items WHERE ${SCOPE} AND ${inFolders}`, [
      ...scope,
      ...batch,
    ]);
  }
  return dropped;
}
