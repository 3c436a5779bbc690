import { folderChangeKey } from './change-key.ts';
import type { FolderId } from './ids.ts';
import type { FolderSlot, MailboxState } from './mailbox-state.ts';
import type { FolderView } from './views.ts';

/** Shared work when listing all folders of a mailbox. */
interface FolderListing {
  paths: Map<FolderId, string[]>;
  childCounts: Map<FolderId, number>;
}

/** Display names from below the mailbox root down to the folder. */
function pathOf(state: MailboxState, folderId: FolderId): string[] {
  const names: string[] = [];
  for (let id: FolderId | undefined = folderId; id;) {
    const folder = state.folder(id);
    if (!folder?.record.parentId) break;
    names.push(folder.record.displayName);
    id = folder.record.parentId;
  }
  return names.reverse();
}

export function folderView(
  state: MailboxState,
  slot: FolderSlot,
  mailboxId: string,
  listing?: FolderListing,
): FolderView {
  const parent = slot.record.parentId;
  const parentPath = parent ? (listing?.paths.get(parent) ?? pathOf(state, parent)) : undefined;
  const path = parentPath ? [...parentPath, slot.record.displayName] : [];
  listing?.paths.set(slot.id, path);
  return {
    id: slot.id,
    mailboxId,
    ...(parent ? { parentId: parent } : {}),
    displayName: slot.record.displayName,
    folderClass: slot.record.folderClass,
    ...(slot.record.wellKnownName ? { wellKnownName: slot.record.wellKnownName } : {}),
    extendedProperties: slot.record.extendedProperties,
    changeKey: folderChangeKey(slot.id, slot.version),
    totalCount: slot.contents.count,
    unreadCount: state.unreadCount(slot.id),
    childFolderCount: listing ? (listing.childCounts.get(slot.id) ?? 0) : state.children(slot.id).length,
    path,
  };
}

/** Every folder of a mailbox in one pass (child counts and paths computed once). */
export function allFolderViews(state: MailboxState, mailboxId: string): FolderView[] {
  const listing: FolderListing = { paths: new Map(), childCounts: new Map() };
  for (const slot of state.folders.values()) {
    const parent = slot.record.parentId;
    if (parent) listing.childCounts.set(parent, (listing.childCounts.get(parent) ?? 0) + 1);
  }
  return [...state.folders.values()].map((slot) => folderView(state, slot, mailboxId, listing));
}
