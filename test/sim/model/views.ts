import type { AttachmentRecord } from './attachment.ts';
import { attachmentSize } from './attachment.ts';
import { itemChangeKey } from './change-key.ts';
import type { ExtendedProperty } from './extended-property.ts';
import type { AttachmentId, FolderId, ItemId } from './ids.ts';
import { encodeAttachmentId } from './ids.ts';
import type { ItemRecord } from './item-record.ts';
import { mimeLength } from './mime/render-mime.ts';

/** What readers of the model get: plain, read-only snapshots that are safe to keep. */

export interface AttachmentView {
  id: AttachmentId;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId?: string;
  lastModifiedAt: string;
}

export interface ItemView extends Readonly<Omit<ItemRecord, 'attachments' | 'mime' | 'nextAttachmentKey'>> {
  id: ItemId;
  /** The id the item was created with; survives moves (Graph ImmutableId). */
  immutableId: ItemId;
  changeKey: string;
  /** Mailbox GUID. */
  mailboxId: string;
  folderId: FolderId;
  /** Size in bytes of the item's MIME rendering. */
  size: number;
  hasAttachments: boolean;
  attachments: readonly AttachmentView[];
  /** True while the item still serves the exact MIME it was imported from. */
  hasOriginalMime: boolean;
}

export interface FolderView {
  id: FolderId;
  mailboxId: string;
  parentId?: FolderId;
  displayName: string;
  folderClass: string;
  wellKnownName?: string;
  extendedProperties: readonly ExtendedProperty[];
  changeKey: string;
  totalCount: number;
  unreadCount: number;
  childFolderCount: number;
  /** Display names from the mailbox root down to this folder, e.g. ["Top of Information Store", "Inbox"]. */
  path: readonly string[];
}

export function attachmentView(itemId: ItemId, attachment: AttachmentRecord): AttachmentView {
  return {
    id: encodeAttachmentId(itemId, attachment.key),
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachmentSize(attachment),
    isInline: attachment.isInline,
    ...(attachment.contentId ? { contentId: attachment.contentId } : {}),
    lastModifiedAt: attachment.lastModifiedAt,
  };
}

export interface ItemSlot {
  id: ItemId;
  immutableId: ItemId;
  folderId: FolderId;
  record: ItemRecord;
  version: number;
}

export function itemView(slot: ItemSlot, mailboxId: string): ItemView {
  const { attachments, mime, nextAttachmentKey: _next, ...rest } = slot.record;
  // Size needs a (partial) MIME rendering; compute it only when someone reads it, then keep it.
  let size: number | undefined;
  return {
    ...rest,
    id: slot.id,
    immutableId: slot.immutableId,
    changeKey: itemChangeKey(slot.immutableId, slot.version),
    mailboxId,
    folderId: slot.folderId,
    get size(): number {
      return (size ??= mimeLength(slot.record));
    },
    hasAttachments: attachments.some((a) => !a.isInline),
    attachments: attachments.map((a) => attachmentView(slot.id, a)),
    hasOriginalMime: mime !== undefined,
  };
}
