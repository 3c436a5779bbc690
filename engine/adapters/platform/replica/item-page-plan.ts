import type { ApplyContext, ItemApplyCounts, ReplicaItemChange } from '../../../ports/replica-store.ts';
import { metadataOf, type ItemRow } from './item-row.ts';

export interface LocationEntry {
  readonly itemId: string;
  readonly folderId: string;
  readonly since: string;
  readonly until: string;
}

/** What one page changes, worked out in memory, written by item-writes.ts in a few batched statements. */
export interface PagePlan {
  /** History that follows a message to its new id (EWS move), in order. */
  readonly rekeys: { from: string; to: string }[];
  /** Rows gone: joined into another row, or purged. */
  readonly removed: Set<string>;
  /** Rows whose history goes too. */
  readonly purged: Set<string>;
  readonly locations: LocationEntry[];
  /** The final state of every row the page touched. */
  readonly written: Map<string, ItemRow>;
  readonly counts: ItemApplyCounts;
}

/**
 * Applies a page of one folder's changes to the rows it may touch (`known`: the rows named by the
 * page, and the rows of other folders that an EWS move may join, see ReplicaItemChange). Replaying a
 * page finds every change already applied and changes nothing but `lastSeen`.
 */
export function planPage(
  folderId: string,
  changes: readonly ReplicaItemChange[],
  { at, runId }: ApplyContext,
  known: Map<string, ItemRow>,
): PagePlan {
  const plan: PagePlan = {
    rekeys: [],
    removed: new Set(),
    purged: new Set(),
    locations: [],
    written: new Map(),
    counts: { stored: 0, updated: 0, moved: 0, deleted: 0, purged: 0 },
  };
  const counts = plan.counts as { -readonly [K in keyof ItemApplyCounts]: number };
  /** Rows by InternetMessageId, so finding a move's other half is not a scan of the page per change. */
  const byMessage = new Map<string, Set<string>>();
  const unindex = (id: string) => {
    const messageId = known.get(id)?.internet_message_id;
    if (messageId) byMessage.get(messageId)?.delete(id);
  };
  const index = (row: ItemRow) => {
    if (!row.internet_message_id) return;
    const ids = byMessage.get(row.internet_message_id) ?? new Set<string>();
    ids.add(row.id);
    byMessage.set(row.internet_message_id, ids);
  };
  for (const row of known.values()) index(row);
  const write = (row: ItemRow) => {
    unindex(row.id);
    known.set(row.id, row);
    index(row);
    plan.written.set(row.id, row);
    plan.removed.delete(row.id);
  };
  const remove = (id: string) => {
    unindex(id);
    known.delete(id);
    plan.written.delete(id);
    plan.removed.add(id);
  };
  /** The history of `from` now belongs to `to`. */
  const rekey = (from: string, to: string) => {
    plan.rekeys.push({ from, to });
    for (const [i, entry] of plan.locations.entries())
      if (entry.itemId === from) plan.locations[i] = { ...entry, itemId: to };
  };
  /** The row of another folder with this InternetMessageId that passes `test` (the lowest id, if several). */
  const candidate = (messageId: string | null, except: string, test: (row: ItemRow) => boolean) =>
    [...(byMessage.get(messageId ?? '') ?? [])]
      .sort()
      .map((id) => known.get(id))
      .find((r): r is ItemRow => r !== undefined && r.folder_id !== folderId && r.id !== except && test(r));

  for (const change of changes) {
    if (change.kind === 'upsert') {
      const metadata = metadataOf(change.item);
      const row = known.get(change.item.id);
      if (row) {
        const moved = row.folder_id !== folderId;
        if (moved) {
          plan.locations.push({
            itemId: row.id,
            folderId: row.folder_id,
            since: row.folder_since,
            until: at,
          });
          counts.moved++;
        } else counts.updated++;
        write({
          ...row,
          ...metadata,
          folder_id: folderId,
          folder_since: moved ? at : row.folder_since,
          last_seen: at,
          deleted_at: null,
          deleted_in_run: null,
        });
        continue;
      }
      const left = candidate(
        metadata.internet_message_id,
        change.item.id,
        (r) => r.deleted_at !== null && r.deleted_in_run === runId,
      );
      if (left) {
        // EWS move, old place seen first: the message left `left.folder_id` in this run.
        plan.locations.push({
          itemId: left.id,
          folderId: left.folder_id,
          since: left.folder_since,
          until: at,
        });
        rekey(left.id, change.item.id);
        remove(left.id);
        counts.moved++;
      } else counts.stored++;
      write({
        id: change.item.id,
        folder_id: folderId,
        folder_since: at,
        ...metadata,
        first_seen: left?.first_seen ?? at,
        last_seen: at,
        deleted_at: null,
        deleted_in_run: null,
        first_seen_run: left ? left.first_seen_run : runId,
      });
      continue;
    }
    const row = known.get(change.id);
    if (change.kind === 'purge') {
      plan.purged.add(change.id);
      plan.locations.splice(
        0,
        plan.locations.length,
        ...plan.locations.filter((l) => l.itemId !== change.id),
      );
      if (row) counts.purged++;
      remove(change.id);
      continue;
    }
    if (!row) continue;
    if (change.kind === 'read-flag') {
      counts.updated++;
      write({ ...row, is_read: change.isRead ? 1 : 0, last_seen: at });
      continue;
    }
    // deleted: only from the folder the message is in now (Graph shows a move as upsert + deleted).
    if (row.folder_id !== folderId || row.deleted_at !== null) continue;
    const arrived = candidate(
      row.internet_message_id,
      row.id,
      (r) => r.deleted_at === null && r.first_seen_run === runId,
    );
    if (arrived) {
      // EWS move, new place seen first: the row stored this run elsewhere is this message.
      plan.locations.push({
        itemId: arrived.id,
        folderId: row.folder_id,
        since: row.folder_since,
        until: at,
      });
      rekey(row.id, arrived.id);
      remove(row.id);
      write({
        ...arrived,
        first_seen: row.first_seen < arrived.first_seen ? row.first_seen : arrived.first_seen,
        first_seen_run: row.first_seen_run,
      });
      counts.moved++;
      continue;
    }
    counts.deleted++;
    write({ ...row, deleted_at: at, deleted_in_run: runId });
  }
  return plan;
}
