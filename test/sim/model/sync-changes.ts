import type { FolderId, ItemId } from './ids.ts';
import type { FolderSlot, MailboxState } from './mailbox-state.ts';
import type { ItemSlot } from './views.ts';

/**
 * Incremental change enumeration, the common core of EWS SyncFolderItems / SyncFolderHierarchy and
 * Graph delta queries. A client's position is a watermark: the highest sequence number it has seen in
 * the folder (items) or mailbox (hierarchy). The server keeps no per-client state.
 */

export type ItemChangeType = 'create' | 'update' | 'readFlag' | 'delete';

export interface ItemChange {
  type: ItemChangeType;
  id: ItemId;
  /** The item as it is now (absent for deletions). */
  slot?: ItemSlot;
}

export interface ItemChangePage {
  changes: ItemChange[];
  /** Watermark to resume from. */
  watermark: number;
  /** True when every change up to the folder's current sequence is included. */
  complete: boolean;
}

/**
 * Changes in a folder after `since`, oldest first, at most `max` (after skipping `ignore`d ids).
 * An item created and deleted after `since` is not reported at all, as in Exchange.
 */
export function itemChangesSince(
  state: MailboxState,
  folderId: FolderId,
  since: number,
  max: number,
  ignore: ReadonlySet<ItemId> = new Set(),
): ItemChangePage {
  const folder = state.requireFolder(folderId);
  const contents = folder.contents;
  const changes: ItemChange[] = [];
  let watermark = since;
  // Virtual generated items: item i was created at sequence i + 1.
  for (const index of contents.virtualIndices(Math.max(0, since))) {
    if (changes.length >= max) return { changes, watermark, complete: false };
    const slot = state.virtualSlot(folder, index);
    watermark = index + 1;
    if (!ignore.has(slot.id)) changes.push({ type: 'create', id: slot.id, slot });
  }
  for (const [id, entry] of contents.log) {
    if (entry.seq <= since) continue;
    if (entry.tombstone && entry.createdSeq > since) {
      watermark = entry.seq;
      continue;
    }
    if (ignore.has(id)) {
      watermark = entry.seq;
      continue;
    }
    if (changes.length >= max) return { changes, watermark, complete: false };
    watermark = entry.seq;
    if (entry.tombstone) {
      changes.push({ type: 'delete', id });
      continue;
    }
    const slot = state.items.get(id);
    if (!slot) continue;
    const type: ItemChangeType =
      entry.createdSeq > since ? 'create' : entry.contentSeq > since ? 'update' : 'readFlag';
    changes.push({ type, id, slot });
  }
  return { changes, watermark: Math.max(watermark, contents.seq), complete: true };
}

export type FolderChangeType = 'create' | 'update' | 'delete';

export interface FolderChange {
  type: FolderChangeType;
  id: FolderId;
  slot?: FolderSlot;
}

/**
 * Folder changes after `since` below `rootId` (the root itself excluded). Without a root the whole
 * mailbox is synchronised except the Recoverable Items (dumpster) subtree, which Exchange keeps out of
 * client-visible hierarchy sync.
 */
export function folderChangesSince(
  state: MailboxState,
  rootId: FolderId | undefined,
  since: number,
): { changes: FolderChange[]; watermark: number } {
  const found: { seq: number; change: FolderChange }[] = [];
  for (const slot of state.folders.values()) {
    if (slot.changeSeq <= since) continue;
    if (!slot.record.parentId) continue; // the mailbox root is never reported
    if (rootId === undefined ? state.isInDumpster(slot.id) : !state.ancestors(slot.id).includes(rootId))
      continue;
    found.push({
      seq: slot.changeSeq,
      change: { type: slot.createdSeq > since ? 'create' : 'update', id: slot.id, slot },
    });
  }
  for (const tombstone of state.deletedFolders) {
    if (tombstone.seq <= since || tombstone.createdSeq > since) continue;
    if (rootId !== undefined && !tombstone.ancestors.includes(rootId)) continue;
    found.push({ seq: tombstone.seq, change: { type: 'delete', id: tombstone.id } });
  }
  found.sort((a, b) => a.seq - b.seq);
  return {
    changes: parentsFirst(
      state,
      found.map((f) => f.change),
    ),
    watermark: state.hierarchySeq,
  };
}

/**
 * Keeps sequence order but moves a folder's change after the change of any ancestor reported in the
 * same batch, so a client can always create a parent before its children.
 */
function parentsFirst(state: MailboxState, changes: FolderChange[]): FolderChange[] {
  const byId = new Map(changes.filter((c) => c.type !== 'delete').map((c) => [c.id, c]));
  const emitted = new Set<FolderId>();
  const out: FolderChange[] = [];
  const emit = (change: FolderChange): void => {
    if (emitted.has(change.id)) return;
    emitted.add(change.id);
    if (change.type !== 'delete') {
      for (const ancestor of state.ancestors(change.id).reverse()) {
        const pending = byId.get(ancestor);
        if (pending) emit(pending);
      }
    }
    out.push(change);
  };
  for (const change of changes) emit(change);
  return out;
}
