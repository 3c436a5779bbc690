/**
 * Exchange as the task types see it, with two adapters: EWS (on-premises, impersonation) and Microsoft
 * Graph (Exchange Online, app-only). Both adapters pass one contract suite against the simulated
 * Exchange (test/engine/adapters/mailbox-port.contract.ts), so a task type never needs to know which
 * one it talks to. The port grows with the task types; it starts with what the runtime's built-in type
 * and folder replication's hierarchy pass need.
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

export interface MailboxPort {
  /**
   * Every **mail** folder of the mailbox: the whole tree under the top of the information store,
   * limited to folders of class IPF.Note or a subclass (IPF.Note.*). This is what Graph's mailFolders
   * means and what replication copies; Calendar, Contacts, Tasks, Notes (and their subfolders), search
   * folders and the Recoverable Items (dumpster) tree are not listed.
   */
  listFolders(mailbox: string, signal?: AbortSignal): Promise<FolderListing>;
  close(): Promise<void>;
}
