import type { ItemLocation, ItemQuery, ReplicaItem } from '../../../ports/replica-store.ts';
import { loadFolderTree } from './folder-writes.ts';
import { ITEM_COLUMNS, toReplicaItem, type ItemRow } from './item-row.ts';
import { SCOPE, scopeParams, type BoundScope } from './scope-sql.ts';
import { placeholders, type SqlExecutor } from './sql-connection.ts';

export const DEFAULT_ITEM_LIMIT = 100;

/**
 * Messages newest received first, each with its folder's path and its earlier places. One read of the
 * folder tree, one indexed range of items (replica_items_by_folder or _by_received), one read of the
 * history of the rows returned.
 */
export async function queryItems(
  db: SqlExecutor,
  bound: BoundScope,
  query: ItemQuery = {},
): Promise<ReplicaItem[]> {
  const limit = query.limit ?? DEFAULT_ITEM_LIMIT;
  const tree = await loadFolderTree(db, bound);
  const params: unknown[] = [...scopeParams(bound)];
  let where = SCOPE;
  if (query.folderPath !== undefined) {
    const ids = tree.idsWithPath(query.folderPath);
    if (ids.length === 0) return [];
    where += ` AND folder_id IN (${placeholders(ids.length)})`;
    params.push(...ids);
  }
  if (query.deleted !== undefined) where += ` AND deleted_at IS ${query.deleted ? 'NOT ' : ''}NULL`;
  const rows = await db.all<ItemRow & Record<string, unknown>>(
    `SELECT ${ITEM_COLUMNS.join(', ')} FROM replica_items WHERE ${where}
      ORDER BY received_at DESC, id DESC LIMIT ?`,
    [...params, limit],
  );
  const history = await locationsOf(
    db,
    bound,
    rows.map((r) => r.id),
    (id) => tree.pathOf(id),
  );
  return rows.map((row) => toReplicaItem(row, (id) => tree.pathOf(id), history.get(row.id) ?? []));
}

async function locationsOf(
  db: SqlExecutor,
  bound: BoundScope,
  ids: readonly string[],
  pathOf: (folderId: string) => string,
): Promise<Map<string, ItemLocation[]>> {
  const out = new Map<string, ItemLocation[]>();
  if (ids.length === 0) return out;
  const rows = await db.all<{ item_id: string; folder_id: string; since: string; until: string }>(
    `SELECT item_id, folder_id, since, until FROM replica_item_locations
      WHERE ${SCOPE} AND item_id IN (${placeholders(ids.length)}) ORDER BY item_id, since, until`,
    [...scopeParams(bound), ...ids],
  );
  for (const row of rows) {
    const list = out.get(row.item_id) ?? [];
    list.push({
      folderId: row.folder_id,
      folderPath: pathOf(row.folder_id),
      since: row.since,
      until: row.until,
    });
    out.set(row.item_id, list);
  }
  return out;
}

export async function countItems(
  db: SqlExecutor,
  bound: BoundScope,
  options: { deleted?: boolean } = {},
): Promise<number> {
  const state =
    options.deleted === undefined ? '' : ` AND deleted_at IS ${options.deleted ? 'NOT ' : ''}NULL`;
  const rows = await db.all<{ n: unknown }>(
    `SELECT COUNT(*) AS n FROM replica_items WHERE ${SCOPE}${state}`,
    scopeParams(bound),
  );
  return Number(rows[0]?.n ?? 0);
}
