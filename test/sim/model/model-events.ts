import type { FolderId, ItemId } from './ids.ts';

/**
 * Notifications of every mutation, for endpoints that push changes (EWS streaming/pull notifications,
 * Graph change notifications) and for tests that wait for the engine to act.
 */
export type ModelEvent =
  | { type: 'itemCreated'; mailboxId: string; folderId: FolderId; itemId: ItemId }
  | { type: 'itemUpdated'; mailboxId: string; folderId: FolderId; itemId: ItemId }
  | {
      type: 'itemMoved';
      mailboxId: string;
      fromFolderId: FolderId;
      folderId: FolderId;
      oldItemId: ItemId;
      itemId: ItemId;
    }
  | { type: 'itemDeleted'; mailboxId: string; folderId: FolderId; itemId: ItemId }
  | { type: 'folderCreated'; mailboxId: string; folderId: FolderId }
  | { type: 'folderUpdated'; mailboxId: string; folderId: FolderId }
  | { type: 'folderDeleted'; mailboxId: string; folderId: FolderId }
  | { type: 'syncStatesInvalidated'; mailboxId: string };

export type ModelListener = (event: ModelEvent) => void;
