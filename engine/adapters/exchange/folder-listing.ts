import type { FolderListing, FolderSyncResult } from '../../ports/mailbox.ts';

/** A folder listing is the full round of the hierarchy sync: its folders, and the state it leaves. */
export function folderListingOf({ changes, syncState }: FolderSyncResult): FolderListing {
  return { folders: changes.flatMap((c) => (c.kind === 'deleted' ? [] : [c.folder])), syncState };
}
