import type { CalendarItem, FolderChange, MailboxItem, WellKnownMailFolder } from './mailbox.ts';

/**
 * The platform replica (DESIGN §1, MSE's "Mimecast platform"): what the replication task types keep
 * of each mailbox, per task, queryable at the scale of millions of item rows. It lives in real tables
 * with indexes in the database the store already uses (SQLite file or PostgreSQL), not in keyv keys.
 *
 * Every write is idempotent: a pass that crashed after writing and before its submission was stored
 * replays the same changes, and the replica ends as if they were applied once (no row lost, none
 * doubled). Times are ISO 8601 UTC strings given by the caller (the runtime's clock).
 *
 * One contract suite runs on both backends (test/engine/platform/replica-store.contract.ts).
 */
export interface ReplicaScope {
  readonly taskId: string;
  readonly mailbox: string;
}

export interface ReplicaFolder {
  readonly id: string;
  /** Absent for a top-level folder (its parent is the top of the information store). */
  readonly parentId?: string;
  readonly name: string;
  /** Names from the top down, joined with "/" ("Inbox/Projects/2019"); a "/" inside a name is "\/". */
  readonly path: string;
  readonly wellKnownName?: WellKnownMailFolder;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Set once the folder left Exchange; it stays at its last known place, as in MSE. */
  readonly deletedAt?: string;
  /** Messages whose current (or last known) folder this is. */
  readonly liveItems: number;
  readonly deletedItems: number;
}

/** Where a message was before: one entry per folder it left. */
export interface ItemLocation {
  readonly folderId: string;
  readonly folderPath: string;
  /** When it was first seen there. */
  readonly since: string;
  /** When it was seen somewhere else instead. */
  readonly until: string;
}

/** A message as replicated: its metadata as Exchange last reported it, where it is, and where it was. */
export interface ReplicaItem extends MailboxItem {
  /** The path of its current folder, or its last known one once deleted. */
  readonly folderPath: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly deletedAt?: string;
  /** Oldest first. */
  readonly previousLocations: readonly ItemLocation[];
}

/**
 * What a replication pass writes for the items of one folder.
 * - `upsert`: the item as Exchange has it now, in the folder synced.
 * - `deleted`: the item left the folder synced. It only marks the row deleted (at its last known
 *   place) when the row's current folder IS the folder synced: with Graph's immutable ids a move shows
 *   as an `upsert` in the new folder and a `deleted` in the old one, in either order.
 * - `read-flag`: only the read state changed.
 * - `purge`: the row and its history are removed for good (a message that became Personal or Private).
 *
 * Moves on EWS: the item comes back under a new id. A row is one message across its moves: an
 * `upsert` of an unknown id whose InternetMessageId matches a row of the same mailbox in another
 * folder that was marked deleted in the same run (`runId`), or a `deleted` of a row whose
 * InternetMessageId matches a row first seen in the same run in another folder, joins the two into
 * one row: the new id and folder, the old folder added to `previousLocations`.
 */
export type ReplicaItemChange =
  | { readonly kind: 'upsert'; readonly item: MailboxItem }
  | { readonly kind: 'deleted'; readonly id: string }
  | { readonly kind: 'read-flag'; readonly id: string; readonly isRead: boolean }
  | { readonly kind: 'purge'; readonly id: string };

export interface ApplyContext {
  readonly at: string;
  /** The run's first attempt id (the same across a crash), which scopes move detection. */
  readonly runId: string;
}

export interface ItemApplyCounts {
  readonly stored: number;
  readonly updated: number;
  readonly moved: number;
  readonly deleted: number;
  readonly purged: number;
}

export interface ItemQuery {
  /** Only this folder (its path as shown by `folders`), not its subfolders. */
  readonly folderPath?: string;
  /** true: only deleted messages; false: only live ones; undefined: both. */
  readonly deleted?: boolean;
  /** Newest received first. @default 100 */
  readonly limit?: number;
}

export interface ReplicaCalendarAttachment {
  readonly name: string;
  readonly contentType?: string;
  readonly size: number;
  readonly isInline: boolean;
  /** The blob holding its bytes (BlobStore). */
  readonly sha256: string;
}

/** A calendar item as replicated: the item without attachment ids, its attachments by content. */
export interface ReplicaCalendarItem extends Omit<CalendarItem, 'attachments'> {
  readonly calendarName: string;
  readonly attachments: readonly ReplicaCalendarAttachment[];
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface CalendarQuery {
  /** Items that end at or after this instant (series masters: whose range reaches it). */
  readonly from?: string;
  /** Items that start before this instant. */
  readonly to?: string;
  /** Soonest first. @default 500 */
  readonly limit?: number;
}

export interface ReplicaStore {
  /**
   * Applies one hierarchy sync round (see FolderChange). A deleted folder takes its subtree with it,
   * and the live messages of those folders are marked deleted where they were.
   */
  applyFolderChanges(scope: ReplicaScope, changes: readonly FolderChange[], at: string): Promise<void>;
  /**
   * After a full hierarchy round: every live folder not seen since `seenSince` left Exchange while the
   * sync state was lost (its messages with it, as for a deleted folder). Returns how many were marked.
   */
  sweepFolders(scope: ReplicaScope, seenSince: string, at: string): Promise<number>;
  /** The folder tree, parents before children, deleted folders included, with item counts. */
  folders(scope: ReplicaScope): Promise<readonly ReplicaFolder[]>;

  /** Applies one page of item changes of one folder, in one transaction. */
  applyItemChanges(
    scope: ReplicaScope,
    folderId: string,
    changes: readonly ReplicaItemChange[],
    context: ApplyContext,
  ): Promise<ItemApplyCounts>;
  /**
   * After a full resync of one folder (its sync state was lost): live rows of that folder not seen
   * since `seenSince` are gone from Exchange. Returns how many were marked deleted.
   */
  sweepFolderItems(scope: ReplicaScope, folderId: string, seenSince: string, at: string): Promise<number>;
  /** Rows of a folder and its subtree that must no longer be kept (the folder is now excluded). */
  dropFolderItems(scope: ReplicaScope, folderIds: readonly string[]): Promise<number>;
  items(scope: ReplicaScope, query?: ItemQuery): Promise<readonly ReplicaItem[]>;
  itemCount(scope: ReplicaScope, options?: { deleted?: boolean }): Promise<number>;

  /** Inserts or replaces whole calendar items (their attachments' blobs are stored first). */
  upsertCalendarItems(scope: ReplicaScope, items: readonly ReplicaCalendarItem[]): Promise<void>;
  /**
   * Removes items deleted in Exchange (a read-only replica follows deletions); a series master takes
   * its exceptions with it. Unknown ids are ignored. Returns how many rows went.
   */
  deleteCalendarItems(scope: ReplicaScope, ids: readonly string[]): Promise<number>;
  /**
   * A series master was reported with all its current exceptions (`keep`): its stored exceptions not
   * among them are gone (an occurrence changed back, or cancelled after it was changed).
   */
  pruneExceptions(scope: ReplicaScope, seriesMasterId: string, keep: readonly string[]): Promise<number>;
  /** After a full round of one calendar: removes its items not seen since `seenSince`. */
  sweepCalendar(scope: ReplicaScope, calendarId: string, seenSince: string): Promise<number>;
  /** Removes a whole calendar (deleted in Exchange, or no longer followed by the definition). */
  dropCalendar(scope: ReplicaScope, calendarId: string): Promise<number>;
  /**
   * Marks items seen at `at` without rewriting them: a full round reports every item, and one whose
   * `lastModified` did not change needs neither its attachments read again nor its row rewritten.
   */
  touchCalendarItems(scope: ReplicaScope, ids: readonly string[], at: string): Promise<void>;
  /** `lastModified` of the given items as replicated, to skip re-reading attachments that did not change. */
  calendarVersions(
    scope: ReplicaScope,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, string | undefined>>;
  /** Calendar ids that have items in the replica. */
  calendarIds(scope: ReplicaScope): Promise<readonly string[]>;
  calendarItems(scope: ReplicaScope, query?: CalendarQuery): Promise<readonly ReplicaCalendarItem[]>;

  /** Everything a task kept, for all its mailboxes (the task was removed). */
  dropTask(taskId: string): Promise<void>;
  close(): Promise<void>;
}
