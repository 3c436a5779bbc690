import type { FolderContents as FolderContentsType } from './folder-contents.ts';
import { FolderContents } from './folder-contents.ts';
import type { FolderRecord } from './folder-record.ts';
import type { FolderLayoutEntry } from './generator/generate-folders.ts';
import type { FolderId, FolderKey, ItemId } from './ids.ts';
import { decodeItemId, encodeFolderId, encodeItemId } from './ids.ts';
import type { ItemRecord } from './item-record.ts';
import type { MailboxRecord } from './mailbox-record.ts';
import { ModelError } from './model-error.ts';
import type { ItemSlot } from './views.ts';
import { DUMPSTER_FOLDERS } from './well-known-folders.ts';

/**
 * Everything about one mailbox: its folder tree, its items and their change history. A mailbox that was
 * never mutated is rebuilt from the generator whenever it is read (cheap: only the folder list is built;
 * items stay virtual); the first mutation keeps the state for good (copy-on-write at mailbox level, then
 * at item level inside it).
 */

export interface FolderSlot {
  id: FolderId;
  record: FolderRecord;
  /** Hierarchy sequence at which the folder was created / last changed (mailbox-wide sequence). */
  createdSeq: number;
  changeSeq: number;
  version: number;
  contents: FolderContentsType;
  /** Folder ordinal used in generated item ids, when the folder holds generated items. */
  itemOrdinal?: number;
}

export interface FolderTombstone {
  id: FolderId;
  createdSeq: number;
  seq: number;
  /** Ancestor ids at deletion time, nearest first (decides which sync roots report the deletion). */
  ancestors: FolderId[];
}

export type ItemGenerator = (itemOrdinal: number, index: number) => ItemRecord;

export interface MailboxStateInit {
  mailbox: MailboxRecord;
  layout: readonly FolderLayoutEntry[];
  /** Generated items per folder ordinal. */
  itemCount: (itemOrdinal: number) => number;
  generate: ItemGenerator;
  /** Read state of a generated item, without generating it. */
  generatedIsRead: (itemOrdinal: number, index: number) => boolean;
}

function namesEqual(a: string, b: string): boolean {
  return a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;
}

export class MailboxState {
  readonly ordinal: number;
  readonly folders = new Map<FolderId, FolderSlot>();
  readonly deletedFolders: FolderTombstone[] = [];
  /** Materialized items (created, changed or moved); generated items are absent until they change. */
  readonly items = new Map<ItemId, ItemSlot>();
  /** Current id of items that moved, by immutable id. */
  readonly movedItems = new Map<ItemId, ItemId>();
  hierarchySeq: number;
  private readonly byItemOrdinal = new Map<number, FolderSlot>();
  private readonly generate: ItemGenerator;
  private readonly generatedIsRead: (itemOrdinal: number, index: number) => boolean;
  private itemSerial = 0;
  private folderSerial = 0;

  constructor(init: MailboxStateInit) {
    this.ordinal = init.mailbox.ordinal;
    this.generate = init.generate;
    this.generatedIsRead = init.generatedIsRead;
    const id = (key: FolderKey): FolderId => encodeFolderId(this.ordinal, key);
    for (const [position, entry] of init.layout.entries()) {
      const slot: FolderSlot = {
        id: id(entry.key),
        record: {
          displayName: entry.displayName,
          folderClass: entry.folderClass,
          ...(entry.parent ? { parentId: id(entry.parent) } : {}),
          ...(entry.wellKnownName ? { wellKnownName: entry.wellKnownName } : {}),
          extendedProperties: [],
        },
        createdSeq: position + 1,
        changeSeq: position + 1,
        version: 0,
        contents: new FolderContents(entry.itemOrdinal !== undefined ? init.itemCount(entry.itemOrdinal) : 0),
        ...(entry.itemOrdinal !== undefined ? { itemOrdinal: entry.itemOrdinal } : {}),
      };
      this.folders.set(slot.id, slot);
      if (entry.itemOrdinal !== undefined) this.byItemOrdinal.set(entry.itemOrdinal, slot);
    }
    this.hierarchySeq = init.layout.length;
  }

  // ---- folders -------------------------------------------------------------------------------

  folder(id: FolderId): FolderSlot | undefined {
    return this.folders.get(id);
  }

  requireFolder(id: FolderId): FolderSlot {
    const slot = this.folders.get(id);
    if (!slot) throw new ModelError('folderNotFound', `folder ${id} does not exist`);
    return slot;
  }

  wellKnown(name: string): FolderSlot | undefined {
    for (const slot of this.folders.values()) if (slot.record.wellKnownName === name) return slot;
    return undefined;
  }

  children(id: FolderId): FolderSlot[] {
    return [...this.folders.values()].filter((f) => f.record.parentId === id);
  }

  /** Ancestor ids, nearest first. */
  ancestors(id: FolderId): FolderId[] {
    const out: FolderId[] = [];
    let current = this.folders.get(id)?.record.parentId;
    while (current) {
      out.push(current);
      current = this.folders.get(current)?.record.parentId;
    }
    return out;
  }

  isInDumpster(id: FolderId): boolean {
    const name = (fid: FolderId): string | undefined => this.folders.get(fid)?.record.wellKnownName;
    return [id, ...this.ancestors(id)].some((fid) => DUMPSTER_FOLDERS.has(name(fid) ?? ''));
  }

  private assertUniqueName(parentId: FolderId, displayName: string, except?: FolderId): void {
    for (const sibling of this.children(parentId)) {
      if (sibling.id !== except && namesEqual(sibling.record.displayName, displayName)) {
        throw new ModelError('folderExists', `a folder named "${displayName}" already exists in that parent`);
      }
    }
  }

  createFolder(parentId: FolderId, record: Omit<FolderRecord, 'parentId'>): FolderSlot {
    const parent = this.requireFolder(parentId);
    if (this.isInDumpster(parent.id) || parent.record.wellKnownName === 'root') {
      throw new ModelError('invalidParent', 'folders cannot be created in that parent');
    }
    this.assertUniqueName(parentId, record.displayName);
    const seq = ++this.hierarchySeq;
    const slot: FolderSlot = {
      id: encodeFolderId(this.ordinal, { kind: 'created', serial: ++this.folderSerial }),
      record: { ...record, parentId },
      createdSeq: seq,
      changeSeq: seq,
      version: 0,
      contents: new FolderContents(0),
    };
    this.folders.set(slot.id, slot);
    return slot;
  }

  updateFolder(id: FolderId, change: (record: FolderRecord) => FolderRecord): FolderSlot {
    const slot = this.requireFolder(id);
    const record = change(slot.record);
    if (record.displayName !== slot.record.displayName) {
      if (slot.record.wellKnownName)
        throw new ModelError('distinguishedFolder', 'distinguished folders cannot be renamed');
      if (record.parentId) this.assertUniqueName(record.parentId, record.displayName, id);
    }
    const updated: FolderSlot = {
      ...slot,
      record,
      changeSeq: ++this.hierarchySeq,
      version: slot.version + 1,
    };
    this.folders.set(id, updated);
    this.rebindItemOrdinal(updated);
    return updated;
  }

  moveFolder(id: FolderId, parentId: FolderId): FolderSlot {
    const slot = this.requireFolder(id);
    if (slot.record.wellKnownName)
      throw new ModelError('distinguishedFolder', 'distinguished folders cannot be moved');
    const parent = this.requireFolder(parentId);
    if (parent.id === id || this.ancestors(parent.id).includes(id)) {
      throw new ModelError('invalidParent', 'a folder cannot be moved into itself or its subfolders');
    }
    if (this.isInDumpster(parent.id))
      throw new ModelError('invalidParent', 'folders cannot be moved into Recoverable Items');
    this.assertUniqueName(parentId, slot.record.displayName, id);
    return this.updateFolder(id, (r) => ({ ...r, parentId }));
  }

  /** Removes a folder and its subtree for good; items inside go with it. */
  deleteFolderTree(id: FolderId): void {
    const slot = this.requireFolder(id);
    if (slot.record.wellKnownName)
      throw new ModelError('distinguishedFolder', 'distinguished folders cannot be deleted');
    const doomed = [id, ...this.descendants(id)];
    for (const fid of doomed) {
      const folder = this.folders.get(fid);
      if (!folder) continue;
      this.deletedFolders.push({
        id: fid,
        createdSeq: folder.createdSeq,
        seq: ++this.hierarchySeq,
        ancestors: this.ancestors(fid),
      });
    }
    const doomedSet = new Set(doomed);
    for (const fid of doomed) {
      const folder = this.folders.get(fid);
      if (folder?.itemOrdinal !== undefined) this.byItemOrdinal.delete(folder.itemOrdinal);
      this.folders.delete(fid);
    }
    for (const [itemId, item] of this.items) if (doomedSet.has(item.folderId)) this.items.delete(itemId);
  }

  descendants(id: FolderId): FolderId[] {
    const out: FolderId[] = [];
    const stack = [id];
    while (stack.length) {
      const current = stack.pop() as FolderId;
      for (const child of this.children(current)) {
        out.push(child.id);
        stack.push(child.id);
      }
    }
    return out;
  }

  private rebindItemOrdinal(slot: FolderSlot): void {
    if (slot.itemOrdinal !== undefined) this.byItemOrdinal.set(slot.itemOrdinal, slot);
  }

  // ---- items ---------------------------------------------------------------------------------

  /** The item with this id, virtual or stored; undefined if it is not (or no longer) in this mailbox. */
  item(id: ItemId): ItemSlot | undefined {
    const stored = this.items.get(id);
    if (stored) return stored;
    const decoded = decodeItemId(id);
    if (!decoded || decoded.mailbox !== this.ordinal || decoded.key.kind !== 'generated') return undefined;
    const folder = this.byItemOrdinal.get(decoded.key.folderOrdinal);
    if (!folder || !folder.contents.isVirtual(decoded.key.index)) return undefined;
    return this.virtualSlot(folder, decoded.key.index);
  }

  requireItem(id: ItemId): ItemSlot {
    const slot = this.item(id);
    if (!slot) throw new ModelError('itemNotFound', `item ${id} does not exist`);
    return slot;
  }

  virtualSlot(folder: FolderSlot, index: number): ItemSlot {
    const ordinal = folder.itemOrdinal ?? 0;
    const id = encodeItemId(this.ordinal, { kind: 'generated', folderOrdinal: ordinal, index });
    return { id, immutableId: id, folderId: folder.id, record: this.generate(ordinal, index), version: 0 };
  }

  /** Index of a generated item that is still virtual, if the id names one. */
  private virtualIndex(slot: ItemSlot): number | undefined {
    if (this.items.has(slot.id)) return undefined;
    const decoded = decodeItemId(slot.id);
    return decoded?.key.kind === 'generated' ? decoded.key.index : undefined;
  }

  /** Applies a change to an item in place (same id, new version and change key). */
  changeItem(id: ItemId, change: (record: ItemRecord) => ItemRecord, readFlagOnly: boolean): ItemSlot {
    const slot = this.requireItem(id);
    const folder = this.requireFolder(slot.folderId);
    const index = this.virtualIndex(slot);
    let createdSeq: number;
    if (index !== undefined) {
      folder.contents.devirtualize(index);
      createdSeq = index + 1;
    } else {
      createdSeq = folder.contents.createdSeqOf(id) ?? folder.contents.seq;
    }
    const updated: ItemSlot = { ...slot, record: change(slot.record), version: slot.version + 1 };
    this.items.set(id, updated);
    folder.contents.changed(id, createdSeq, readFlagOnly);
    return updated;
  }

  /** Stores a new item; `immutableId` is passed when an existing item arrives by a move. */
  insertItem(
    folderId: FolderId,
    record: ItemRecord,
    carried?: { immutableId: ItemId; version: number },
  ): ItemSlot {
    const folder = this.requireFolder(folderId);
    const id = encodeItemId(this.ordinal, { kind: 'created', serial: ++this.itemSerial });
    const slot: ItemSlot = {
      id,
      immutableId: carried?.immutableId ?? id,
      folderId,
      record,
      version: carried?.version ?? 0,
    };
    this.items.set(id, slot);
    folder.contents.added(id);
    if (carried && carried.immutableId !== id) this.movedItems.set(carried.immutableId, id);
    return slot;
  }

  /** Takes an item out of its folder (tombstoned there) and returns what it was. */
  removeItem(id: ItemId): ItemSlot {
    const slot = this.requireItem(id);
    const folder = this.requireFolder(slot.folderId);
    const index = this.virtualIndex(slot);
    let createdSeq: number;
    if (index !== undefined) {
      folder.contents.devirtualize(index);
      createdSeq = index + 1;
    } else {
      createdSeq = folder.contents.createdSeqOf(id) ?? folder.contents.seq;
      this.items.delete(id);
    }
    folder.contents.removed(id, createdSeq);
    if (this.movedItems.get(slot.immutableId) === id) this.movedItems.delete(slot.immutableId);
    return slot;
  }

  /** Moves an item; like Exchange, it gets a new id but keeps its immutable id and change key. */
  moveItem(id: ItemId, destinationId: FolderId): ItemSlot {
    this.requireFolder(destinationId);
    const slot = this.removeItem(id);
    return this.insertItem(destinationId, slot.record, {
      immutableId: slot.immutableId,
      version: slot.version,
    });
  }

  /** Item slots of a folder: virtual ones in index order, then stored ones in change order. */
  *folderItems(folderId: FolderId): Generator<ItemSlot> {
    const folder = this.requireFolder(folderId);
    for (const index of folder.contents.virtualIndices()) yield this.virtualSlot(folder, index);
    for (const id of folder.contents.loggedIds()) {
      const slot = this.items.get(id);
      if (slot) yield slot;
    }
  }

  unreadCount(folderId: FolderId): number {
    const folder = this.requireFolder(folderId);
    if (folder.contents.unreadCache === undefined) {
      let unread = 0;
      const ordinal = folder.itemOrdinal ?? 0;
      for (const index of folder.contents.virtualIndices())
        if (!this.generatedIsRead(ordinal, index)) unread++;
      for (const id of folder.contents.loggedIds()) if (this.items.get(id)?.record.isRead === false) unread++;
      folder.contents.unreadCache = unread;
    }
    return folder.contents.unreadCache;
  }
}
