/**
 * Distinguished folders every mailbox has, by their EWS DistinguishedFolderId names (Graph calls them
 * "well-known folder names": inbox, sentitems, deleteditems, drafts, junkemail, outbox, archive,
 * msgfolderroot, recoverableitemsdeletions, …). The order matters: parents come before children and the
 * position is part of the folder id.
 */

export type FolderClassName =
  'IPF.Note' | 'IPF.Appointment' | 'IPF.Contact' | 'IPF.Task' | 'IPF.StickyNote' | '';

export interface WellKnownFolder {
  name: string;
  displayName: string;
  /** Name of the parent distinguished folder; undefined for the mailbox root. */
  parent?: string;
  folderClass: FolderClassName;
}

export const WELL_KNOWN_FOLDERS: readonly WellKnownFolder[] = [
  { name: 'root', displayName: 'Root', folderClass: '' },
  { name: 'msgfolderroot', displayName: 'Top of Information Store', parent: 'root', folderClass: 'IPF.Note' },
  { name: 'inbox', displayName: 'Inbox', parent: 'msgfolderroot', folderClass: 'IPF.Note' },
  { name: 'drafts', displayName: 'Drafts', parent: 'msgfolderroot', folderClass: 'IPF.Note' },
  { name: 'sentitems', displayName: 'Sent Items', parent: 'msgfolderroot', folderClass: 'IPF.Note' },
  { name: 'deleteditems', displayName: 'Deleted Items', parent: 'msgfolderroot', folderClass: 'IPF.Note' },
  { name: 'outbox', displayName: 'Outbox', parent: 'msgfolderroot', folderClass: 'IPF.Note' },
  { name: 'junkemail', displayName: 'Junk Email', parent: 'msgfolderroot', folderClass: 'IPF.Note' },
  { name: 'archive', displayName: 'Archive', parent: 'msgfolderroot', folderClass: 'IPF.Note' },
  { name: 'calendar', displayName: 'Calendar', parent: 'msgfolderroot', folderClass: 'IPF.Appointment' },
  { name: 'contacts', displayName: 'Contacts', parent: 'msgfolderroot', folderClass: 'IPF.Contact' },
  { name: 'tasks', displayName: 'Tasks', parent: 'msgfolderroot', folderClass: 'IPF.Task' },
  { name: 'notes', displayName: 'Notes', parent: 'msgfolderroot', folderClass: 'IPF.StickyNote' },
  { name: 'recoverableitemsroot', displayName: 'Recoverable Items', parent: 'root', folderClass: '' },
  {
    name: 'recoverableitemsdeletions',
    displayName: 'Deletions',
    parent: 'recoverableitemsroot',
    folderClass: '',
  },
  {
    name: 'recoverableitemsversions',
    displayName: 'Versions',
    parent: 'recoverableitemsroot',
    folderClass: '',
  },
  { name: 'recoverableitemspurges', displayName: 'Purges', parent: 'recoverableitemsroot', folderClass: '' },
];

export const WELL_KNOWN_INDEX: ReadonlyMap<string, number> = new Map(
  WELL_KNOWN_FOLDERS.map((f, i) => [f.name, i]),
);

export function wellKnownIndex(name: string): number | undefined {
  return WELL_KNOWN_INDEX.get(name.toLowerCase());
}

/**
 * Mail folders that receive generated messages, in this order, before generated user folders. A mailbox
 * generated with foldersPerMailbox = 3 gets messages in Inbox, Sent Items and Deleted Items only.
 */
export const GENERATED_MAIL_FOLDERS: readonly string[] = [
  'inbox',
  'sentitems',
  'deleteditems',
  'archive',
  'junkemail',
];

/** The dumpster subtree: hidden from hierarchy sync and Graph mailFolders, as in Exchange. */
export const DUMPSTER_FOLDERS: ReadonlySet<string> = new Set([
  'recoverableitemsroot',
  'recoverableitemsdeletions',
  'recoverableitemsversions',
  'recoverableitemspurges',
]);
