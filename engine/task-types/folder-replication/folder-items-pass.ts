import { ExchangeError, type ExchangeErrorCode } from '../../adapters/exchange/exchange-errors.ts';
import type { FolderReplicationSettings } from '../../domain/definitions/folder-replication.ts';
import type { ItemApplyCounts, ReplicaFolder } from '../../ports/replica-store.ts';
import type { MailboxPass } from '../task-type.ts';
import { classifyItemChange } from './classify-item-change.ts';
import type { FolderSyncState, ReplicationState } from './replication-state.ts';

type Pass = MailboxPass<FolderReplicationSettings, ReplicationState>;

/** EWS caps a SyncFolderItems page at 512 changes; Graph pages are smaller anyway. */
const PAGE_SIZE = 512;

/** What one submission tells the platform: which folder, and what the page did to the replica. */
export interface FolderPagePayload extends ItemApplyCounts {
  readonly kind: 'folder-replication';
  readonly folderId: string;
  readonly folder: string;
  /** Rows marked deleted because a full round of the folder did not see them. */
  readonly swept: number;
}

export interface FolderPassResult {
  readonly state: ReplicationState;
  /** Changes handled in this folder during this pass (they count against the pass's item budget). */
  readonly handled: number;
  /** False when the budget ran out before the folder's round ended. */
  readonly finished: boolean;
}

/**
 * Replicates one folder's items, page by page, from its saved sync state. Each page goes to the
 * replica first (idempotent) and is then submitted with the state it leads to, so a crash between the
 * two replays the page harmlessly and a crash after both resumes after it. A big folder stops at the
 * item budget and resumes mid-way at the next pass, from the state of its last submitted page.
 */
export async function replicateFolder(
  pass: Pass,
  folder: ReplicaFolder,
  start: ReplicationState,
  budget: number,
): Promise<FolderPassResult> {
  const { replica, scope } = pass.platform;
  let state = start;
  let folderState: FolderSyncState = state.folders[folder.id] ?? {};
  let handled = 0;
  for (;;) {
    if (folderState.syncState === undefined && folderState.fullSince === undefined)
      folderState = { fullSince: pass.now().toISOString() };
    pass.report(`Replicating ${folder.path} of ${pass.mailbox}`);
    let page;
    try {
      page = await pass.exchange.syncItems(pass.mailbox, folder.id, folderState.syncState, {
        maxChanges: PAGE_SIZE,
        signal: pass.signal,
      });
    } catch (error) {
      if (isCode(error, 'sync-state-invalid') && folderState.syncState !== undefined) {
        pass.note(`${folder.path}: the sync state had expired; the folder was read again in full`);
        folderState = { fullSince: pass.now().toISOString() };
        continue;
      }
      // Deleted since the hierarchy round: the next round marks it deleted; nothing to keep for it.
      if (isCode(error, 'folder-not-found'))
        return { state: without(state, folder.id), handled, finished: true };
      throw error;
    }
    const at = pass.now().toISOString();
    const changes = page.changes.map((change) =>
      classifyItemChange(change, pass.settings.includeArchiveStubs),
    );
    const counts = await replica.applyItemChanges(scope, folder.id, changes, { at, runId: pass.runId });
    const roundEnded = !page.more;
    const swept =
      roundEnded && folderState.fullSince !== undefined
        ? await replica.sweepFolderItems(scope, folder.id, folderState.fullSince, at)
        : 0;
    folderState = {
      syncState: page.syncState,
      ...(!roundEnded && folderState.fullSince !== undefined ? { fullSince: folderState.fullSince } : {}),
    };
    state = { ...state, folders: { ...state.folders, [folder.id]: folderState } };
    if (changes.length > 0 || swept > 0) {
      const payload: FolderPagePayload = {
        kind: 'folder-replication',
        folderId: folder.id,
        folder: folder.path,
        ...counts,
        swept,
      };
      await pass.submit(payload, state);
      handled += changes.length;
    }
    if (roundEnded) return { state, handled, finished: true };
    if (handled >= budget) return { state, handled, finished: false };
  }
}

function isCode(error: unknown, code: ExchangeErrorCode): boolean {
  return error instanceof ExchangeError && error.code === code;
}

function without(state: ReplicationState, folderId: string): ReplicationState {
  const folders = { ...state.folders };
  delete folders[folderId];
  return { ...state, folders };
}
