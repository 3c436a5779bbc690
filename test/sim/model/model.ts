import { attachmentBytes } from './attachment.ts';
import { itemChangeKey } from './change-key.ts';
import type { DistributionGroup, Recipient } from './directory.ts';
import { Directory } from './directory.ts';
import type { FolderRecord } from './folder-record.ts';
import { allFolderViews, folderView } from './folder-views.ts';
import { mix } from './hash.ts';
import type { AttachmentId, FolderId, ItemId } from './ids.ts';
import { decodeAttachmentId, decodeFolderId, decodeItemId } from './ids.ts';
import type { ItemRecord } from './item-record.ts';
import type { MailboxRecord } from './mailbox-record.ts';
import { mailboxGuid } from './mailbox-guid.ts';
import { MailboxRegistry } from './mailbox-registry.ts';
import type { FolderSlot, MailboxState } from './mailbox-state.ts';
import { renderMime } from './mime/render-mime.ts';
import { ModelError } from './model-error.ts';
import type { ModelEvent, ModelListener } from './model-events.ts';
import type {
  DeleteMode,
  FolderChangeEntry,
  FolderPatch,
  ItemChangesResult,
  MailboxPatch,
  ModelOptions,
  NewFolder,
  NewMailbox,
} from './model-types.ts';
import type { Population } from './population-options.ts';
import { resolvePopulation } from './population-options.ts';
import { allRecipients, directoryRecipient, mailboxRecipient, resolveNames } from './recipients.ts';
import { InternetMessageIds } from './internet-message-ids.ts';
import type { ItemPatch, NewAttachment, NewItem } from './record-edits.ts';
import {
  addAttachmentToRecord,
  applyPatch,
  isReadFlagOnly,
  recordFromInput,
  removeAttachmentFromRecord,
} from './record-edits.ts';
import type { ModelSnapshot, SnapshotOptions } from './snapshot.ts';
import { takeSnapshot } from './snapshot.ts';
import { StateStore } from './state-store.ts';
import { folderChangesSince, itemChangesSince } from './sync-changes.ts';
import type { AttachmentView, FolderView, ItemView } from './views.ts';
import { attachmentView, itemView } from './views.ts';

export type {
  DeleteMode,
  FolderChangeEntry,
  FolderPatch,
  ItemChangeEntry,
  ItemChangesResult,
  MailboxPatch,
  ModelOptions,
  NewFolder,
  NewMailbox,
} from './model-types.ts';

/**
 * The simulated Exchange organisation: mailboxes with folders and items, a directory, and per-folder
 * change tracking. Shared by the EWS and Graph endpoints; see README.md in this folder.
 */
export class MailboxModel {
  readonly population: Population;
  readonly directory = new Directory();
  readonly now: () => Date;
  private readonly registry: MailboxRegistry;
  private readonly store: StateStore;
  private readonly epochs = new Map<number, number>();
  private readonly listeners = new Set<ModelListener>();
  private readonly messageIds: InternetMessageIds;

  constructor(options: ModelOptions = {}) {
    this.population = resolvePopulation(options.population);
    this.now = options.now ?? (() => new Date());
    this.registry = new MailboxRegistry(this.population);
    this.store = new StateStore(this.population, this.registry);
    this.messageIds = new InternetMessageIds(this.population.seedHash, `mbx01.${this.population.domain}`);
  }

  // ---- events --------------------------------------------------------------------------------

  /** Subscribes to mutation events; returns the unsubscribe function. */
  onChange(listener: ModelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ModelEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // ---- mailboxes -----------------------------------------------------------------------------

  get mailboxCount(): number {
    return this.registry.count;
  }

  /** Number of mailboxes whose state is held in memory because something changed them. */
  get materializedMailboxCount(): number {
    return this.store.materializedCount;
  }

  mailboxAt(ordinal: number): MailboxRecord | undefined {
    return this.registry.at(ordinal);
  }

  *mailboxes(): Generator<MailboxRecord> {
    for (let i = 0; i < this.registry.count; i++) {
      const record = this.registry.at(i);
      if (record) yield record;
    }
  }

  /** Finds a mailbox by GUID, primary SMTP address or alias (case-insensitive). */
  mailbox(idOrAddress: string): MailboxRecord | undefined {
    const ordinal = this.registry.ordinalOf(idOrAddress);
    return ordinal === undefined ? undefined : this.registry.at(ordinal);
  }

  private requireOrdinal(idOrAddress: string): number {
    return this.registry.requireOrdinal(idOrAddress);
  }

  /** Whether a group or contact already uses an address (mailboxes are checked by the registry). */
  private readonly usedByDirectory = (address: string): boolean =>
    !!this.directory.group(address) || !!this.directory.contact(address);

  /** Adds a named mailbox (for tests that want alice@… rather than user00001@…). */
  addMailbox(input: NewMailbox): MailboxRecord {
    return this.registry.add(input, this.usedByDirectory);
  }

  updateMailbox(idOrAddress: string, patch: MailboxPatch): MailboxRecord {
    return this.registry.update(idOrAddress, patch, this.usedByDirectory);
  }

  /** True when the mailbox's state is held in memory (something mutated it). */
  isMaterialized(idOrAddress: string): boolean {
    return this.store.isMaterialized(this.requireOrdinal(idOrAddress));
  }

  private folderOwner(folderId: FolderId): number {
    const decoded = decodeFolderId(folderId);
    if (!decoded || decoded.mailbox >= this.mailboxCount)
      throw new ModelError('folderNotFound', `folder ${folderId} does not exist`);
    return decoded.mailbox;
  }

  private itemOwner(itemId: ItemId): number {
    const decoded = decodeItemId(itemId);
    if (!decoded || decoded.mailbox >= this.mailboxCount)
      throw new ModelError('itemNotFound', `item ${itemId} does not exist`);
    return decoded.mailbox;
  }

  private guid(ordinal: number): string {
    return this.mailboxAt(ordinal)?.id ?? '';
  }

  // ---- folders -------------------------------------------------------------------------------

  private folderView(state: MailboxState, slot: FolderSlot): FolderView {
    return folderView(state, slot, this.guid(state.ordinal));
  }

  /** All folders of a mailbox, parents before children. */
  folders(mailbox: string): FolderView[] {
    const ordinal = this.requireOrdinal(mailbox);
    return allFolderViews(this.store.read(ordinal), this.guid(ordinal));
  }

  folder(folderId: FolderId): FolderView | undefined {
    const decoded = decodeFolderId(folderId);
    if (!decoded || decoded.mailbox >= this.mailboxCount) return undefined;
    const state = this.store.read(decoded.mailbox);
    const slot = state.folder(folderId);
    return slot ? this.folderView(state, slot) : undefined;
  }

  /** A distinguished folder by its EWS / Graph well-known name (inbox, sentitems, msgfolderroot, …). */
  wellKnownFolder(mailbox: string, name: string): FolderView | undefined {
    const state = this.store.read(this.requireOrdinal(mailbox));
    const slot = state.wellKnown(name.toLowerCase());
    return slot ? this.folderView(state, slot) : undefined;
  }

  childFolders(folderId: FolderId): FolderView[] {
    const state = this.store.read(this.folderOwner(folderId));
    state.requireFolder(folderId);
    return state.children(folderId).map((slot) => this.folderView(state, slot));
  }

  /** Descendants in depth-first order (FindFolder Deep traversal). */
  descendantFolders(folderId: FolderId): FolderView[] {
    const state = this.store.read(this.folderOwner(folderId));
    state.requireFolder(folderId);
    const out: FolderView[] = [];
    const visit = (id: FolderId): void => {
      for (const child of state.children(id)) {
        out.push(this.folderView(state, child));
        visit(child.id);
      }
    };
    visit(folderId);
    return out;
  }

  /** True when the folder is Recoverable Items or below it. */
  isDumpsterFolder(folderId: FolderId): boolean {
    const state = this.store.read(this.folderOwner(folderId));
    return state.folder(folderId) ? state.isInDumpster(folderId) : false;
  }

  createFolder(parentId: FolderId, input: NewFolder): FolderView {
    const state = this.store.write(this.folderOwner(parentId));
    const name = input.displayName.trim();
    if (!name) throw new ModelError('invalidArgument', 'a folder needs a display name');
    const slot = state.createFolder(parentId, {
      displayName: name,
      folderClass: input.folderClass ?? 'IPF.Note',
      extendedProperties: input.extendedProperties ?? [],
    });
    this.emit({ type: 'folderCreated', mailboxId: this.guid(state.ordinal), folderId: slot.id });
    return this.folderView(state, slot);
  }

  updateFolder(folderId: FolderId, patch: FolderPatch): FolderView {
    const state = this.store.write(this.folderOwner(folderId));
    const slot = state.updateFolder(folderId, (record): FolderRecord => {
      let properties = record.extendedProperties;
      for (const p of patch.setExtendedProperties ?? [])
        properties = [...properties.filter((q) => q.key !== p.key), p];
      if (patch.removeExtendedProperties)
        properties = properties.filter((p) => !patch.removeExtendedProperties?.includes(p.key));
      return {
        ...record,
        displayName: patch.displayName?.trim() || record.displayName,
        extendedProperties: properties,
      };
    });
    this.emit({ type: 'folderUpdated', mailboxId: this.guid(state.ordinal), folderId });
    return this.folderView(state, slot);
  }

  moveFolder(folderId: FolderId, parentId: FolderId): FolderView {
    const ordinal = this.folderOwner(folderId);
    if (this.folderOwner(parentId) !== ordinal)
      throw new ModelError('crossMailbox', 'folders cannot move between mailboxes');
    const state = this.store.write(ordinal);
    const slot = state.moveFolder(folderId, parentId);
    this.emit({ type: 'folderUpdated', mailboxId: this.guid(ordinal), folderId });
    return this.folderView(state, slot);
  }

  /**
   * Deletes a folder. moveToDeletedItems moves it (with its contents) under Deleted Items; hard and
   * soft remove it and its subtree for good (Exchange cannot soft-delete folders into the dumpster).
   */
  deleteFolder(folderId: FolderId, mode: DeleteMode): void {
    const state = this.store.write(this.folderOwner(folderId));
    const mailboxId = this.guid(state.ordinal);
    if (mode === 'moveToDeletedItems') {
      const deleted = state.wellKnown('deleteditems');
      const slot = state.requireFolder(folderId);
      if (deleted && slot.record.parentId !== deleted.id && !state.ancestors(folderId).includes(deleted.id)) {
        state.moveFolder(folderId, deleted.id);
        this.emit({ type: 'folderUpdated', mailboxId, folderId });
        return;
      }
    }
    const doomed = [folderId, ...state.descendants(folderId)];
    state.deleteFolderTree(folderId);
    for (const id of doomed) this.emit({ type: 'folderDeleted', mailboxId, folderId: id });
  }

  // ---- items ---------------------------------------------------------------------------------

  item(itemId: ItemId): ItemView | undefined {
    const decoded = decodeItemId(itemId);
    if (!decoded || decoded.mailbox >= this.mailboxCount) return undefined;
    const slot = this.store.read(decoded.mailbox).item(itemId);
    return slot ? itemView(slot, this.guid(decoded.mailbox)) : undefined;
  }

  /** Finds an item by the id it was created with, wherever it has moved since. */
  itemByImmutableId(immutableId: ItemId): ItemView | undefined {
    const decoded = decodeItemId(immutableId);
    if (!decoded || decoded.mailbox >= this.mailboxCount) return undefined;
    const state = this.store.read(decoded.mailbox);
    const current = state.movedItems.get(immutableId) ?? immutableId;
    const slot = state.item(current);
    return slot && slot.immutableId === immutableId ? itemView(slot, this.guid(decoded.mailbox)) : undefined;
  }

  /** The stored content of an item (for protocol serialisers that need more than the view). */
  itemRecord(itemId: ItemId): ItemRecord | undefined {
    const decoded = decodeItemId(itemId);
    if (!decoded || decoded.mailbox >= this.mailboxCount) return undefined;
    return this.store.read(decoded.mailbox).item(itemId)?.record;
  }

  /** Items of a folder, lazily (virtual generated ones first, then stored ones in change order). */
  *items(folderId: FolderId): Generator<ItemView> {
    const ordinal = this.folderOwner(folderId);
    const state = this.store.read(ordinal);
    const guid = this.guid(ordinal);
    for (const slot of state.folderItems(folderId)) yield itemView(slot, guid);
  }

  itemCount(folderId: FolderId): number {
    return this.store.read(this.folderOwner(folderId)).requireFolder(folderId).contents.count;
  }

  /** The item's MIME bytes (the imported bytes while unchanged). */
  mime(itemId: ItemId): Buffer {
    const record = this.itemRecord(itemId);
    if (!record) throw new ModelError('itemNotFound', `item ${itemId} does not exist`);
    return renderMime(record);
  }

  /**
   * A fresh InternetMessageId as this mailbox's server would stamp it; for messages that are sent without
   * being saved through `createItem` (the delivered copies then carry it in their Message-ID).
   */
  newInternetMessageId(mailbox: string): string {
    return this.messageIds.next(this.requireOrdinal(mailbox));
  }

  createItem(folderId: FolderId, input: NewItem): ItemView {
    const state = this.store.write(this.folderOwner(folderId));
    state.requireFolder(folderId);
    const record = this.messageIds.stamp(recordFromInput(input, this.now()), state.ordinal);
    const slot = state.insertItem(folderId, record);
    this.emit({ type: 'itemCreated', mailboxId: this.guid(state.ordinal), folderId, itemId: slot.id });
    return itemView(slot, this.guid(state.ordinal));
  }

  /**
   * Changes an item in place. With `ifChangeKey`, refuses (staleChangeKey) when the item changed since
   * that change key was handed out.
   */
  updateItem(itemId: ItemId, patch: ItemPatch, options: { ifChangeKey?: string } = {}): ItemView {
    const state = this.store.write(this.itemOwner(itemId));
    const current = state.requireItem(itemId);
    if (
      options.ifChangeKey !== undefined &&
      options.ifChangeKey !== itemChangeKey(current.immutableId, current.version)
    ) {
      throw new ModelError('staleChangeKey', 'the item has changed since that change key was issued');
    }
    const now = this.now();
    const slot = state.changeItem(itemId, (record) => applyPatch(record, patch, now), isReadFlagOnly(patch));
    this.emit({ type: 'itemUpdated', mailboxId: this.guid(state.ordinal), folderId: slot.folderId, itemId });
    return itemView(slot, this.guid(state.ordinal));
  }

  /** Moves an item; it gets a new id (its immutableId stays). */
  moveItem(itemId: ItemId, folderId: FolderId): ItemView {
    const ordinal = this.itemOwner(itemId);
    if (this.folderOwner(folderId) !== ordinal)
      throw new ModelError('crossMailbox', 'items cannot move between mailboxes');
    const state = this.store.write(ordinal);
    const from = state.requireItem(itemId).folderId;
    const slot = state.moveItem(itemId, folderId);
    this.emit({
      type: 'itemMoved',
      mailboxId: this.guid(ordinal),
      fromFolderId: from,
      folderId,
      oldItemId: itemId,
      itemId: slot.id,
    });
    return itemView(slot, this.guid(ordinal));
  }

  /** Copies an item into a folder of the same mailbox as a new item. */
  copyItem(itemId: ItemId, folderId: FolderId): ItemView {
    const ordinal = this.itemOwner(itemId);
    if (this.folderOwner(folderId) !== ordinal)
      throw new ModelError('crossMailbox', 'items cannot be copied between mailboxes');
    const state = this.store.write(ordinal);
    const source = state.requireItem(itemId);
    const slot = state.insertItem(folderId, {
      ...source.record,
      createdAt: this.isoNow(),
      lastModifiedAt: this.isoNow(),
    });
    this.emit({ type: 'itemCreated', mailboxId: this.guid(ordinal), folderId, itemId: slot.id });
    return itemView(slot, this.guid(ordinal));
  }

  private isoNow(): string {
    return new Date(Math.floor(this.now().getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  /**
   * Deletes an item. moveToDeletedItems moves it to Deleted Items (from there: soft); soft moves it to
   * Recoverable Items\Deletions; hard moves it to Recoverable Items\Purges (from the dumpster: gone).
   * Returns the item's new view when it still exists somewhere.
   */
  deleteItem(itemId: ItemId, mode: DeleteMode): ItemView | undefined {
    const ordinal = this.itemOwner(itemId);
    const state = this.store.write(ordinal);
    const slot = state.requireItem(itemId);
    const mailboxId = this.guid(ordinal);
    const deletedItems = state.wellKnown('deleteditems');
    let effective = mode;
    if (mode === 'moveToDeletedItems' && slot.folderId === deletedItems?.id) effective = 'soft';
    const targetName =
      effective === 'moveToDeletedItems'
        ? 'deleteditems'
        : effective === 'soft'
          ? 'recoverableitemsdeletions'
          : 'recoverableitemspurges';
    const target = state.wellKnown(targetName);
    const inDumpster = state.isInDumpster(slot.folderId);
    if (!target || (inDumpster && effective !== 'moveToDeletedItems') || slot.folderId === target.id) {
      state.removeItem(itemId);
      this.emit({ type: 'itemDeleted', mailboxId, folderId: slot.folderId, itemId });
      return undefined;
    }
    const moved = state.moveItem(itemId, target.id);
    this.emit({ type: 'itemDeleted', mailboxId, folderId: slot.folderId, itemId });
    this.emit({ type: 'itemCreated', mailboxId, folderId: target.id, itemId: moved.id });
    return itemView(moved, mailboxId);
  }

  addAttachment(itemId: ItemId, attachment: NewAttachment): { item: ItemView; attachment: AttachmentView } {
    const state = this.store.write(this.itemOwner(itemId));
    let key = -1;
    const now = this.now();
    const slot = state.changeItem(
      itemId,
      (record) => {
        const result = addAttachmentToRecord(record, attachment, now);
        key = result.key;
        return result.record;
      },
      false,
    );
    const record = slot.record.attachments.find((a) => a.key === key);
    if (!record) throw new Error('attachment was not stored');
    this.emit({ type: 'itemUpdated', mailboxId: this.guid(state.ordinal), folderId: slot.folderId, itemId });
    return { item: itemView(slot, this.guid(state.ordinal)), attachment: attachmentView(slot.id, record) };
  }

  /** Removes an attachment; returns the item as it is afterwards. */
  deleteAttachment(attachmentId: AttachmentId): ItemView {
    const decoded = decodeAttachmentId(attachmentId);
    if (!decoded || decoded.item.mailbox >= this.mailboxCount)
      throw new ModelError('attachmentNotFound', 'no such attachment');
    const state = this.store.write(decoded.item.mailbox);
    const current = state.item(decoded.itemId);
    if (!current?.record.attachments.some((a) => a.key === decoded.attachmentKey)) {
      throw new ModelError('attachmentNotFound', 'no such attachment');
    }
    const now = this.now();
    const slot = state.changeItem(
      decoded.itemId,
      (record) => removeAttachmentFromRecord(record, decoded.attachmentKey, now) ?? record,
      false,
    );
    this.emit({
      type: 'itemUpdated',
      mailboxId: this.guid(state.ordinal),
      folderId: slot.folderId,
      itemId: slot.id,
    });
    return itemView(slot, this.guid(state.ordinal));
  }

  /** An attachment with its bytes, and the id of the item that holds it. */
  attachment(
    attachmentId: AttachmentId,
  ): { itemId: ItemId; view: AttachmentView; content: Buffer } | undefined {
    const decoded = decodeAttachmentId(attachmentId);
    if (!decoded || decoded.item.mailbox >= this.mailboxCount) return undefined;
    const slot = this.store.read(decoded.item.mailbox).item(decoded.itemId);
    const record = slot?.record.attachments.find((a) => a.key === decoded.attachmentKey);
    if (!slot || !record) return undefined;
    return { itemId: slot.id, view: attachmentView(slot.id, record), content: attachmentBytes(record) };
  }

  // ---- change tracking -----------------------------------------------------------------------

  /** Current sequence of a folder (the watermark of a client that has seen everything). */
  folderWatermark(folderId: FolderId): number {
    return this.store.read(this.folderOwner(folderId)).requireFolder(folderId).contents.seq;
  }

  /** Current hierarchy sequence of a mailbox. */
  hierarchyWatermark(mailbox: string): number {
    return this.store.read(this.requireOrdinal(mailbox)).hierarchySeq;
  }

  /** Item changes in a folder after `since` (see sync-changes.ts for the semantics). */
  itemChanges(
    folderId: FolderId,
    since: number,
    max: number,
    ignore?: ReadonlySet<ItemId>,
  ): ItemChangesResult {
    const ordinal = this.folderOwner(folderId);
    const state = this.store.read(ordinal);
    const guid = this.guid(ordinal);
    const page = itemChangesSince(state, folderId, since, max, ignore);
    return {
      watermark: page.watermark,
      complete: page.complete,
      changes: page.changes.map((change) => {
        const slot = change.slot;
        if (!slot) return { type: change.type, id: change.id };
        return {
          type: change.type,
          id: change.id,
          changeKey: itemChangeKey(slot.immutableId, slot.version),
          isRead: slot.record.isRead,
          load: () => itemView(slot, guid),
        };
      }),
    };
  }

  /** Folder changes below `rootId` (or the whole mailbox except the dumpster) after `since`. */
  hierarchyChanges(
    mailbox: string,
    rootId: FolderId | undefined,
    since: number,
  ): { changes: FolderChangeEntry[]; watermark: number } {
    const state = this.store.read(this.requireOrdinal(mailbox));
    const result = folderChangesSince(state, rootId, since);
    return {
      watermark: result.watermark,
      changes: result.changes.map((c) => ({
        type: c.type,
        id: c.id,
        ...(c.slot ? { folder: this.folderView(state, c.slot) } : {}),
      })),
    };
  }

  /** Sync-state generation of a mailbox; bumped by {@link invalidateSyncStates}. */
  syncEpoch(mailbox: string): number {
    return this.epochs.get(this.requireOrdinal(mailbox)) ?? 0;
  }

  /**
   * Makes every sync state / delta token issued so far for the mailbox invalid, as when Exchange loses
   * its ICS state (EWS answers ErrorInvalidSyncStateData, Graph syncStateNotFound / 410 Gone).
   */
  invalidateSyncStates(mailbox: string): void {
    const ordinal = this.requireOrdinal(mailbox);
    this.epochs.set(ordinal, (this.epochs.get(ordinal) ?? 0) + 1);
    this.emit({ type: 'syncStatesInvalidated', mailboxId: this.guid(ordinal) });
  }

  // ---- directory -----------------------------------------------------------------------------

  /** Adds a distribution or mail-enabled security group. */
  addGroup(input: {
    primarySmtp: string;
    displayName: string;
    members: string[];
    kind?: DistributionGroup['kind'];
  }): DistributionGroup {
    if (this.registry.ordinalOf(input.primarySmtp) !== undefined)
      throw new ModelError('invalidArgument', `${input.primarySmtp} is already in use`);
    const alias = input.primarySmtp.slice(0, input.primarySmtp.indexOf('@'));
    return this.directory.addGroup({
      id: mailboxGuidFromText(this.population.seedHash, input.primarySmtp),
      primarySmtp: input.primarySmtp,
      displayName: input.displayName,
      alias,
      kind: input.kind ?? 'distribution',
      members: input.members,
    });
  }

  /** Adds a mail contact (an external recipient known to the directory). */
  addContact(input: { primarySmtp: string; displayName: string }): void {
    if (this.registry.ordinalOf(input.primarySmtp) !== undefined)
      throw new ModelError('invalidArgument', `${input.primarySmtp} is already in use`);
    this.directory.addContact({
      id: mailboxGuidFromText(this.population.seedHash, input.primarySmtp),
      primarySmtp: input.primarySmtp,
      displayName: input.displayName,
      alias: input.primarySmtp.slice(0, input.primarySmtp.indexOf('@')),
    });
  }

  /** Any recipient by SMTP address (or mailbox GUID). */
  recipient(address: string): Recipient | undefined {
    const mailbox = this.mailbox(address);
    return mailbox ? mailboxRecipient(mailbox) : directoryRecipient(this.directory, address);
  }

  /** Ambiguous name resolution (see recipients.ts); at most `limit` results, in directory order. */
  resolveNames(query: string, limit = 100): Recipient[] {
    return resolveNames(allRecipients(this.mailboxes(), this.directory), query, limit);
  }

  /** Content snapshot for before/after comparisons (see snapshot.ts). */
  snapshot(options?: SnapshotOptions): ModelSnapshot {
    return takeSnapshot(this, options);
  }

  /** Direct members of a group (one level; nested groups come back as groups). */
  groupMembers(address: string): Recipient[] | undefined {
    const group = this.directory.group(address);
    if (!group) return undefined;
    return group.members.map((m) => this.recipient(m)).filter((r): r is Recipient => r !== undefined);
  }
}

/** GUID for non-mailbox directory objects, derived from their address. */
function mailboxGuidFromText(seedHash: number, text: string): string {
  let h = seedHash;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return mailboxGuid(h, 0xffffffff);
}

/** Creates a model; shorthand for `new MailboxModel(options)`. */
export function createModel(options: ModelOptions = {}): MailboxModel {
  return new MailboxModel(options);
}
