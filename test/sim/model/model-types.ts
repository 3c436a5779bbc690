import type { ExtendedProperty } from './extended-property.ts';
import type { FolderId, ItemId } from './ids.ts';
import type { PopulationOptions } from './population-options.ts';
import type { ItemChangeType } from './sync-changes.ts';
import type { FolderView, ItemView } from './views.ts';

/** Inputs and results of the MailboxModel API (see README.md). */

export interface ModelOptions {
  population?: Partial<PopulationOptions>;
  /** Clock for creation and modification times. @default () => new Date() */
  now?: () => Date;
}

export interface NewMailbox {
  primarySmtp: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  aliases?: string[];
  /** @default true */
  impersonationAllowed?: boolean;
  /** Fill the mailbox with generated folders and items like the generated ones. @default false */
  populate?: boolean;
}

export interface MailboxPatch {
  displayName?: string;
  aliases?: string[];
  impersonationAllowed?: boolean;
}

export interface NewFolder {
  displayName: string;
  /** @default 'IPF.Note' */
  folderClass?: string;
  extendedProperties?: ExtendedProperty[];
}

export interface FolderPatch {
  displayName?: string;
  setExtendedProperties?: ExtendedProperty[];
  removeExtendedProperties?: string[];
}

/** hard: gone (items to Purges); soft: to Recoverable Items\Deletions (folders: gone); moveToDeletedItems: to Deleted Items. */
export type DeleteMode = 'hard' | 'soft' | 'moveToDeletedItems';

export interface ItemChangeEntry {
  type: ItemChangeType;
  id: ItemId;
  /** Current change key (absent for deletions). */
  changeKey?: string;
  /** Current read state (absent for deletions). */
  isRead?: boolean;
  /** The item now; computed on demand (absent for deletions). */
  load?: () => ItemView;
}

export interface ItemChangesResult {
  changes: ItemChangeEntry[];
  watermark: number;
  complete: boolean;
}

export interface FolderChangeEntry {
  type: 'create' | 'update' | 'delete';
  id: FolderId;
  folder?: FolderView;
}
