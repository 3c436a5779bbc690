import type { ExtendedProperty } from './extended-property.ts';
import type { FolderId } from './ids.ts';

/** The content of a folder: what a protocol reports, minus counts (computed from contents). */
export interface FolderRecord {
  displayName: string;
  /** IPF.Note, IPF.Appointment, …; empty for system folders. */
  folderClass: string;
  /** undefined only for the mailbox root. */
  parentId?: FolderId;
  /** DistinguishedFolderId / Graph well-known name, for distinguished folders. */
  wellKnownName?: string;
  extendedProperties: ExtendedProperty[];
}
