/**
 * Exchange as the task types see it, with two adapters: EWS (on-premises, impersonation) and Microsoft
 * Graph (Exchange Online, app-only). Both adapters pass one contract suite against the simulated
 * Exchange (test/engine/adapters/mailbox-port.contract.ts), so a task type never needs to know which
 * one it talks to. The port grows with the task types; it starts with what the runtime's built-in type
 * and folder replication's hierarchy and item passes need.
 *
 * Every method takes the caller's AbortSignal: once it fires, the call rejects at once (also during a
 * server-requested back-off) with an ExchangeError of code `cancelled`. Every failure is an
 * ExchangeError with one of EXCHANGE_ERROR_CODES (engine/adapters/exchange/exchange-errors.ts).
 */

/**
 * The distinguished mail folders both protocols name the same way (EWS DistinguishedFolderId, Graph
 * well-known folder name) and every mailbox has. `archive` is left out: ews-javascript-api refuses it
 * for every Exchange version it knows, and Exchange 2013's schema does not have it.
 */
export const WELL_KNOWN_MAIL_FOLDERS = [
  'inbox',
  'drafts',
  'sentitems',
  'deleteditems',
  'outbox',
  'junkemail',
] as const;

export type WellKnownMailFolder = (typeof WELL_KNOWN_MAIL_FOLDERS)[number];

export interface MailboxFolder {
  /** The folder's id as the adapter's protocol spells it (EWS id, Graph default id); stable while it is not moved to another mailbox. */
  readonly id: string;
  /**
   * The parent folder's id. For a top-level folder (Inbox, a user folder next to it) this is the id of
   * the top of the information store (msgfolderroot), which is not itself in the listing.
   */
  readonly parentId?: string;
  readonly displayName: string;
  /** Set for the folders in WELL_KNOWN_MAIL_FOLDERS, on both adapters. */
  readonly wellKnownName?: WellKnownMailFolder;
  /** Items in the folder (EWS TotalCount, Graph totalItemCount). */
  readonly totalCount?: number;
}

/**
 * The answer of `listFolders`. An object rather than an array so it can grow (item sync will add its
 * own fields) without breaking callers.
 */
export interface FolderListing {
  /** Parents before children. */
  readonly folders: readonly MailboxFolder[];
  /**
   * Opaque token of the adapter's incremental hierarchy sync at the moment of this listing: the EWS
   * SyncFolderHierarchy SyncState (rooted at msgfolderroot), or the Graph mailFolders/delta deltaLink.
   * Only the adapter that issued it can use it; undefined when the server gave none.
   */
  readonly syncState?: string;
}

/** PR_SENSITIVITY as both protocols name it (EWS Sensitivity, Graph's `Integer 0x36` 0–3). */
export const ITEM_SENSITIVITIES = ['normal', 'personal', 'private', 'confidential'] as const;
export type ItemSensitivity = (typeof ITEM_SENSITIVITIES)[number];

/** The follow-up flag's state (EWS Flag/FlagStatus, Graph flag.flagStatus). */
export const ITEM_FLAG_STATUSES = ['notFlagged', 'flagged', 'complete'] as const;
export type ItemFlagStatus = (typeof ITEM_FLAG_STATUSES)[number];

export interface ItemAddress {
  readonly name?: string;
  readonly address?: string;
}

/**
 * One item of a mail folder with the metadata replication keeps (no body, no MIME). Dates are ISO 8601
 * UTC with milliseconds (`Date.prototype.toISOString`), whatever precision the server sent.
 */
export interface MailboxItem {
  /**
   * The item's id, which `deleted` and `read-flag` changes name again later. EWS: the ItemId, which
   * changes when the item moves to another folder (on-premises Exchange has no immutable id). Graph:
   * the immutable id (`Prefer: IdType="ImmutableId"`), kept across moves inside the mailbox. Either
   * way a move shows as `deleted` in the old folder and as a new item in the new one (EWS `created`
   * under a new id; Graph, in an incremental round, `updated` under the same id).
   */
  readonly id: string;
  /** The folder synced (the id given to `syncItems`). */
  readonly folderId: string;
  /** RFC 5322 Message-ID; absent on items that never had one (drafts, some imports). */
  readonly internetMessageId?: string;
  readonly subject: string;
  /** The author: From (EWS From, Graph from). Absent on drafts without one. */
  readonly from?: ItemAddress;
  readonly receivedAt?: string;
  readonly sentAt?: string;
  /** Bytes, as Exchange counts them (EWS Size, PR_MESSAGE_SIZE `Integer 0xE08` on Graph). */
  readonly size: number;
  readonly sensitivity: ItemSensitivity;
  /** The message class (IPM.Note, IPM.Note.EnterpriseVault.Shortcut, IPM.Schedule.Meeting.Request, …). */
  readonly itemClass: string;
  readonly flagStatus: ItemFlagStatus;
  readonly hasAttachments: boolean;
  readonly categories: readonly string[];
  readonly isRead: boolean;
}

/**
 * One change of a folder's content since the sync state it was asked from.
 * - `created`: the item appeared in the folder (new, copied, or moved in: a moved item has a new EWS id).
 * - `updated`: some property changed; `item` is its whole current state, not a diff. Graph's delta
 *   does not tell a new item from a changed one: after the full round its adapter reports both as
 *   `updated`. Callers treat `created` and `updated` alike (upsert).
 * - `deleted`: the item left the folder (deleted, or moved out); only its id is known. It may name an
 *   id the caller never saw (an item deleted before the adapter could read it).
 * - `read-flag`: only the read state changed. EWS reports it (ReadFlagChange); Graph cannot tell it
 *   apart, so its adapter reports such a change as `updated`. Callers must accept both.
 * An item changed twice between two syncs is reported once, in its latest state; an item created and
 * deleted in between is not reported. A server may replay a change it already sent (Graph documents
 * replays): applying a change must be idempotent.
 */
export type ItemChange =
  | { readonly kind: 'created' | 'updated'; readonly item: MailboxItem }
  | { readonly kind: 'deleted'; readonly id: string }
  | { readonly kind: 'read-flag'; readonly id: string; readonly isRead: boolean };

/** One page of an item sync: at most `maxChanges` changes, oldest first. */
export interface ItemSyncPage {
  readonly changes: readonly ItemChange[];
  /**
   * Where the next call continues, after these changes. Opaque; only the adapter that issued it can
   * use it: the EWS SyncFolderItems SyncState, or the Graph `@odata.nextLink` (more pages in this
   * round) or `@odata.deltaLink` (round complete) behind the round it belongs to. Save it together
   * with the changes it follows (a crash in between replays the page, which is harmless).
   */
  readonly syncState: string;
  /** True when the server has more changes right now: call again at once from `syncState`. */
  readonly more: boolean;
}

export interface ItemSyncOptions {
  /**
   * The most changes one page returns: EWS MaxChangesReturned (1–512, clamped), Graph
   * `Prefer: odata.maxpagesize` (1–1000; Graph may send fewer). @default 512 (the EWS cap)
   */
  readonly maxChanges?: number;
  readonly signal?: AbortSignal;
}

/**
 * One change of the mail-folder hierarchy since the sync state it was asked from (EWS
 * SyncFolderHierarchy, Graph mailFolders/delta). `created` and `updated` carry the folder's whole
 * current state (a rename or a move to another parent is an `updated` with the new name or parentId);
 * `deleted` names only the id. Like item changes, callers treat `created` and `updated` alike (upsert)
 * and applying a change twice must be harmless. Only mail folders (see `listFolders`) are reported; a
 * folder that stops being one (moved under the Recoverable Items tree) is reported as `deleted`.
 */
export type FolderChange =
  | { readonly kind: 'created' | 'updated'; readonly folder: MailboxFolder }
  | { readonly kind: 'deleted'; readonly id: string };

/** Every change of one hierarchy sync round, parents before children. */
export interface FolderSyncResult {
  readonly changes: readonly FolderChange[];
  /** Opaque; pass it to the next `syncFolders` of this mailbox. */
  readonly syncState: string;
}

/** A calendar folder of the mailbox (EWS folder of class IPF.Appointment, Graph calendar). */
export interface MailboxCalendar {
  readonly id: string;
  readonly name: string;
  /** The mailbox's default calendar (EWS DistinguishedFolderId `calendar`, Graph isDefaultCalendar). */
  readonly isDefault: boolean;
}

export interface CalendarAttendee {
  readonly name?: string;
  readonly address: string;
  readonly type: 'required' | 'optional' | 'resource';
  readonly response?: 'none' | 'organizer' | 'tentative' | 'accepted' | 'declined' | 'notResponded';
}

export interface CalendarAttachmentRef {
  /** The attachment's id, for `getCalendarAttachment`. */
  readonly id: string;
  readonly name: string;
  readonly contentType?: string;
  readonly size: number;
  readonly isInline: boolean;
}

/**
 * One calendar item as replication keeps it. `single` is a one-off meeting or appointment;
 * `seriesMaster` holds a recurring series (its pattern in `recurrence`, its cancelled occurrences in
 * `deletedOccurrences`); `exception` is one occurrence of a series that was changed, linked by
 * `seriesMasterId` and `originalStart`. Plain occurrences are not items: they follow from the master.
 * Dates are ISO 8601 UTC with milliseconds.
 */
export interface CalendarItem {
  readonly id: string;
  readonly calendarId: string;
  /** iCalendar UID shared by a series and its exceptions (EWS UID, Graph iCalUId). */
  readonly uid?: string;
  readonly type: 'single' | 'seriesMaster' | 'exception';
  readonly seriesMasterId?: string;
  /** For an exception: the start the occurrence had in the pattern (EWS OriginalStart, Graph originalStart). */
  readonly originalStart?: string;
  readonly subject: string;
  readonly start: string;
  readonly end: string;
  readonly isAllDay: boolean;
  /** The time zone the organizer scheduled in (IANA or Windows name as the server gave it). */
  readonly timeZone?: string;
  readonly location?: string;
  readonly organizer?: ItemAddress;
  readonly attendees: readonly CalendarAttendee[];
  readonly body: { readonly contentType: 'text' | 'html'; readonly content: string };
  /**
   * A series master's pattern, as the protocol-neutral shape of Graph's patternedRecurrence (type,
   * interval, daysOfWeek, dayOfMonth, month, index, firstDayOfWeek; range type, start and end date,
   * numberOfOccurrences). The EWS adapter maps its Recurrence element onto the same shape.
   */
  readonly recurrence?: Readonly<Record<string, unknown>>;
  /** A series master's cancelled occurrences, by original start (EWS DeletedOccurrences). */
  readonly deletedOccurrences?: readonly string[];
  readonly sensitivity: ItemSensitivity;
  readonly categories: readonly string[];
  readonly showAs?: string;
  readonly lastModified?: string;
  readonly attachments: readonly CalendarAttachmentRef[];
}

/**
 * One page of a calendar's items. The adapter decides how it reads a calendar: EWS syncs any calendar
 * folder incrementally (SyncFolderItems); Graph v1.0 has no delta for a whole calendar (events/delta is
 * beta; calendarView/delta is a date window of the primary calendar), so its adapter may list the
 * whole calendar every round. `full` tells the caller which it got: in a full round every live item
 * is reported, and an item the caller kept that the round did not report is gone from Exchange.
 */
export interface CalendarSyncPage {
  /**
   * Items created or changed (whole current state), in a full round every item. A series master is
   * always reported with all its current exceptions, in the same page.
   */
  readonly upserted: readonly CalendarItem[];
  /** Ids of items deleted since the sync state (incremental rounds only). */
  readonly deleted: readonly string[];
  readonly syncState: string;
  readonly more: boolean;
  /** True when this round lists the whole calendar (see above); the same for every page of a round. */
  readonly full: boolean;
}

export interface MailboxPort {
  /**
   * Every **mail** folder of the mailbox: the whole tree under the top of the information store,
   * limited to folders of class IPF.Note or a subclass (IPF.Note.*). This is what Graph's mailFolders
   * means and what replication copies; Calendar, Contacts, Tasks, Notes (and their subfolders), search
   * folders and the Recoverable Items (dumpster) tree are not listed.
   */
  listFolders(mailbox: string, signal?: AbortSignal): Promise<FolderListing>;
  /**
   * One page of the changes of a mail folder's items since `syncState` (undefined: a full sync, every
   * item as `created`). Call again with the returned state while `more` is true. A state the server
   * no longer knows or never issued (expired, invalidated, garbled, from the other adapter) is an
   * ExchangeError `sync-state-invalid`: start again without one (a full resync of that folder).
   */
  syncItems(
    mailbox: string,
    folderId: string,
    syncState: string | undefined,
    options?: ItemSyncOptions,
  ): Promise<ItemSyncPage>;
  /**
   * The hierarchy changes since `syncState` (undefined: a full sync, every mail folder as `created`,
   * parents first), all pages of the round in one answer (a mailbox has hundreds of folders, not
   * millions). A state the server no longer knows is an ExchangeError `sync-state-invalid`: call
   * again without one.
   */
  syncFolders(
    mailbox: string,
    syncState: string | undefined,
    signal?: AbortSignal,
  ): Promise<FolderSyncResult>;
  /** The mailbox's calendar folders, the default one first. */
  listCalendars(mailbox: string, signal?: AbortSignal): Promise<readonly MailboxCalendar[]>;
  /**
   * One page of a calendar's items since `syncState` (undefined: a full round). Continue while
   * `more`. An unknown state is an ExchangeError `sync-state-invalid`, as for `syncItems`.
   */
  syncCalendar(
    mailbox: string,
    calendarId: string,
    syncState: string | undefined,
    options?: ItemSyncOptions,
  ): Promise<CalendarSyncPage>;
  /** The bytes of one attachment of a calendar item (EWS GetAttachment, Graph attachments/{id}/$value). */
  getCalendarAttachment(
    mailbox: string,
    itemId: string,
    attachmentId: string,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;
  close(): Promise<void>;
}
