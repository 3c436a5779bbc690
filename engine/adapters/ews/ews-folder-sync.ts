import {
  BasePropertySet,
  ChangeType,
  FolderId,
  FolderSchema,
  PropertySet,
  WellKnownFolderName,
  type ExchangeService,
  type Folder,
  type FolderChange as EwsFolderChange,
} from 'ews-javascript-api';
import type {
  FolderChange,
  FolderSyncResult,
  MailboxFolder,
  WellKnownMailFolder,
} from '../../ports/mailbox.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import { parentsFirst } from '../exchange/folder-change-order.ts';
import { ewsWellKnownFolderIds } from './ews-well-known-folders.ts';
import { isMailFolderClass } from './mail-folder-class.ts';
import { withEwsRetry } from './with-ews-retry.ts';

const FOLDER_PROPERTIES = new PropertySet(BasePropertySet.IdOnly, [
  FolderSchema.DisplayName,
  FolderSchema.ParentFolderId,
  FolderSchema.FolderClass,
  FolderSchema.TotalCount,
]);

/** Responses of one round at most; a mailbox has hundreds of folders, so this only stops a server that never says it is done. */
const MAX_RESPONSES = 1000;

/**
 * One round of SyncFolderHierarchy rooted at msgfolderroot
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation):
 * without a state every folder below the top of the information store, parents first; with one the
 * Create/Update/Delete changes since. The operation has no MaxChangesReturned, but an answer may
 * still stop short (IncludesLastFolderInRange false): the round asks again from the new state until
 * it is done. The root stays the same in every request, as a state is tied to its root
 * (https://learn.microsoft.com/exchange/client-developer/exchange-web-services/handling-synchronization-related-errors-in-ews-in-exchange);
 * a state the server does not know is ErrorInvalidSyncStateData, `sync-state-invalid`.
 *
 * Only mail folders (IPF.Note and subclasses) are reported. A Delete names only an id, so a deleted
 * folder of another class (a calendar below msgfolderroot) is reported too: removing an id the caller
 * never had is harmless. The well-known names come from one GetFolder, asked only when the round has a
 * folder to report.
 */
export async function syncEwsFolders(
  service: () => ExchangeService,
  mailbox: string,
  syncState: string | undefined,
  signal?: AbortSignal,
): Promise<FolderSyncResult> {
  const found: EwsFolderChange[] = [];
  let state = syncState;
  for (let responses = 0; ; responses++) {
    if (responses >= MAX_RESPONSES)
      throw new ExchangeError(
        'server-error',
        `EWS kept answering SyncFolderHierarchy for ${mailbox} with more changes after ${MAX_RESPONSES} requests`,
      );
    const page = await withEwsRetry(
      mailbox,
      () =>
        service().SyncFolderHierarchy(
          new FolderId(WellKnownFolderName.MsgFolderRoot),
          FOLDER_PROPERTIES,
          // The typings say string; the first sync of a hierarchy sends no state (null).
          (state ?? null) as string,
        ),
      signal,
    );
    found.push(...page.GetEnumerator());
    state = page.SyncState;
    if (!page.MoreChangesAvailable) break;
  }
  if (!state)
    throw new ExchangeError(
      'server-error',
      `EWS answered SyncFolderHierarchy for ${mailbox} without a SyncState`,
    );
  const mail = found.filter(
    (c) => c.ChangeType === ChangeType.Delete || isMailFolderClass(c.Folder?.FolderClass),
  );
  const wellKnown = mail.some((c) => c.ChangeType !== ChangeType.Delete)
    ? await ewsWellKnownFolderIds(service, mailbox, signal)
    : new Map<string, WellKnownMailFolder>();
  const changes = mail.map((c): FolderChange => {
    if (c.ChangeType === ChangeType.Delete) return { kind: 'deleted', id: c.FolderId.UniqueId };
    const folder = toMailboxFolder(c.Folder, wellKnown.get(c.Folder.Id.UniqueId));
    return { kind: c.ChangeType === ChangeType.Create ? 'created' : 'updated', folder };
  });
  return { changes: parentsFirst(changes), syncState: state };
}

function toMailboxFolder(folder: Folder, wellKnownName: WellKnownMailFolder | undefined): MailboxFolder {
  return {
    id: folder.Id.UniqueId,
    ...(folder.ParentFolderId ? { parentId: folder.ParentFolderId.UniqueId } : {}),
    displayName: folder.DisplayName,
    ...(wellKnownName ? { wellKnownName } : {}),
    ...(typeof folder.TotalCount === 'number' ? { totalCount: folder.TotalCount } : {}),
  };
}
