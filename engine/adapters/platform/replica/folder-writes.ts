import type { FolderChange, MailboxFolder } from '../../../ports/mailbox.ts';
import type { ReplicaFolder } from '../../../ports/replica-store.ts';
import { FolderTree, type FolderRow } from './folder-tree.ts';
import { SCOPE, lastPerKey, scopeParams, type BoundScope } from './scope-sql.ts';
import { chunks, placeholders, type SqlExecutor } from './sql-connection.ts';

export async function loadFolderTree(db: SqlExecutor, bound: BoundScope): Promise<FolderTree> {
  const rows = await db.all<FolderRow & Record<string, unknown>>(
    `SELECT id, parent_id, name, well_known, first_seen, last_seen, deleted_at
       FROM replica_folders WHERE ${SCOPE}`,
    scopeParams(bound),
  );
  return new FolderTree(rows);
}

/**
 * One hierarchy round, in order: runs of created/updated folders are upserted together; a `deleted`
 * marks the folder and its current subtree (already deleted ones keep their time). A folder that
 * comes back is live again.
 */
export async function applyFolderChanges(
  db: SqlExecutor,
  bound: BoundScope,
  changes: readonly FolderChange[],
  at: string,
): Promise<void> {
  let pending: MailboxFolder[] = [];
  for (const change of changes) {
    if (change.kind !== 'deleted') {
      pending.push(change.folder);
      continue;
    }
    await upsertFolders(db, bound, pending, at);
    pending = [];
    const tree = await loadFolderTree(db, bound);
    await markDeleted(db, bound, tree.subtree([change.id]), at);
  }
  await upsertFolders(db, bound, pending, at);
}

async function upsertFolders(
  db: SqlExecutor,
  bound: BoundScope,
  folders: readonly MailboxFolder[],
  at: string,
): Promise<void> {
  for (const batch of chunks(
    lastPerKey(folders, (f) => f.id),
    200,
  )) {
    const params = batch.flatMap((f) => [
      ...scopeParams(bound),
      f.id,
      f.parentId ?? null,
      f.displayName,
      f.wellKnownName ?? null,
      at,
      at,
    ]);
    await db.run(
      `INSERT INTO replica_folders (ns, task, mailbox, id, parent_id, name, well_known, first_seen, last_seen)
       VALUES ${batch.map(() => `(${placeholders(9)})`).join(', ')}
       ON CONFLICT (ns, task, mailbox, id) DO UPDATE SET parent_id = excluded.parent_id,
         name = excluded.name, well_known = excluded.well_known, last_seen = excluded.last_seen,
         deleted_at = NULL`,
      params,
    );
  }
}

/**
 * Marks folders deleted, and the live messages in them with them: a message whose folder left
 * Exchange left with it, and stays at its last known place (MSE).
 */
async function markDeleted(db: SqlExecutor, bound: BoundScope, ids: readonly string[], at: string) {
  let marked = 0;
  for (const batch of chunks(ids, 500)) {
    marked += await db.run(
      `UPDATE replica_folders SET deleted_at = ?
        WHERE ${SCOPE} AND deleted_at IS NULL AND id IN (${placeholders(batch.length)})`,
      [at, ...scopeParams(bound), ...batch],
    );
    await db.run(
      `UPDATE replica_items SET deleted_at = ?
        WHERE ${SCOPE} AND deleted_at IS NULL AND folder_id IN (${placeholders(batch.length)})`,
      [at, ...scopeParams(bound), ...batch],
    );
  }
  return marked;
}

/** Live folders not seen since `seenSince` left Exchange while the sync state was lost. */
export async function sweepFolders(db: SqlExecutor, bound: BoundScope, seenSince: string, at: string) {
  const gone = await db.all<{ id: string }>(
    `SELECT id FROM replica_folders WHERE ${SCOPE} AND deleted_at IS NULL AND last_seen < ?`,
    [...scopeParams(bound), seenSince],
  );
  return markDeleted(
    db,
    bound,
    gone.map((row) => row.id),
    at,
  );
}

export async function listFolders(db: SqlExecutor, bound: BoundScope): Promise<ReplicaFolder[]> {
  const tree = await loadFolderTree(db, bound);
  const counts = await db.all<{ folder_id: string; live: unknown; deleted: unknown }>(
    `SELECT folder_id, SUM(CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END) AS live,
            SUM(CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END) AS deleted
       FROM replica_items WHERE ${SCOPE} GROUP BY folder_id`,
    scopeParams(bound),
  );
  const byFolder = new Map(counts.map((c) => [c.folder_id, c]));
  return tree.ordered.map(({ row, parentId, path }) => {
    const count = byFolder.get(row.id);
    return {
      id: row.id,
      ...(parentId !== undefined ? { parentId } : {}),
      name: row.name,
      path,
      ...(row.well_known !== null ? { wellKnownName: row.well_known as ReplicaFolder['wellKnownName'] } : {}),
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      ...(row.deleted_at !== null ? { deletedAt: row.deleted_at } : {}),
      liveItems: Number(count?.live ?? 0),
      deletedItems: Number(count?.deleted ?? 0),
    };
  });
}
