import type { MailboxItem } from '../../../ports/mailbox.ts';
import type { ItemLocation, ReplicaItem } from '../../../ports/replica-store.ts';

/** One message row as stored (see schema.ts), without the scope columns. */
export interface ItemRow {
  id: string;
  folder_id: string;
  /** When the message was first seen in its current folder (the `since` of its next location). */
  folder_since: string;
  internet_message_id: string | null;
  subject: string;
  from_name: string | null;
  from_address: string | null;
  /** '' when Exchange gave no time (sorts after every time in "newest first"). */
  received_at: string;
  sent_at: string | null;
  size: number;
  sensitivity: string;
  item_class: string;
  flag_status: string;
  has_attachments: number;
  /** JSON array. */
  categories: string;
  is_read: number;
  first_seen: string;
  last_seen: string;
  deleted_at: string | null;
  /** The run that marked it deleted: a message seen anew in that run may be this one, moved (EWS). */
  deleted_in_run: string | null;
  /** The run that first stored it: a deletion in that run may be this message's old place (EWS). */
  first_seen_run: string | null;
}

export const ITEM_COLUMNS = [
  'id',
  'folder_id',
  'folder_since',
  'internet_message_id',
  'subject',
  'from_name',
  'from_address',
  'received_at',
  'sent_at',
  'size',
  'sensitivity',
  'item_class',
  'flag_status',
  'has_attachments',
  'categories',
  'is_read',
  'first_seen',
  'last_seen',
  'deleted_at',
  'deleted_in_run',
  'first_seen_run',
] as const satisfies readonly (keyof ItemRow)[];

/** The columns Exchange's current state of the message decides. */
export function metadataOf(
  item: MailboxItem,
): Pick<
  ItemRow,
  | 'internet_message_id'
  | 'subject'
  | 'from_name'
  | 'from_address'
  | 'received_at'
  | 'sent_at'
  | 'size'
  | 'sensitivity'
  | 'item_class'
  | 'flag_status'
  | 'has_attachments'
  | 'categories'
  | 'is_read'
> {
  return {
    internet_message_id: item.internetMessageId ?? null,
    subject: item.subject,
    from_name: item.from?.name ?? null,
    from_address: item.from?.address ?? null,
    received_at: item.receivedAt ?? '',
    sent_at: item.sentAt ?? null,
    size: item.size,
    sensitivity: item.sensitivity,
    item_class: item.itemClass,
    flag_status: item.flagStatus,
    has_attachments: item.hasAttachments ? 1 : 0,
    categories: JSON.stringify(item.categories),
    is_read: item.isRead ? 1 : 0,
  };
}

export function toReplicaItem(
  row: ItemRow,
  pathOf: (folderId: string) => string,
  previousLocations: readonly ItemLocation[],
): ReplicaItem {
  const from =
    row.from_name !== null || row.from_address !== null
      ? {
          ...(row.from_name !== null ? { name: row.from_name } : {}),
          ...(row.from_address !== null ? { address: row.from_address } : {}),
        }
      : undefined;
  return {
    id: row.id,
    folderId: row.folder_id,
    folderPath: pathOf(row.folder_id),
    ...(row.internet_message_id !== null ? { internetMessageId: row.internet_message_id } : {}),
    subject: row.subject,
    ...(from ? { from } : {}),
    ...(row.received_at !== '' ? { receivedAt: row.received_at } : {}),
    ...(row.sent_at !== null ? { sentAt: row.sent_at } : {}),
    size: Number(row.size),
    sensitivity: row.sensitivity as ReplicaItem['sensitivity'],
    itemClass: row.item_class,
    flagStatus: row.flag_status as ReplicaItem['flagStatus'],
    hasAttachments: Number(row.has_attachments) === 1,
    categories: JSON.parse(row.categories) as string[],
    isRead: Number(row.is_read) === 1,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    ...(row.deleted_at !== null ? { deletedAt: row.deleted_at } : {}),
    previousLocations,
  };
}
