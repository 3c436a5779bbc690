import {
  BasePropertySet,
  FolderSchema,
  FolderTraversal,
  FolderView,
  PropertySet,
  WellKnownFolderName,
  type Folder,
} from 'ews-javascript-api';
import type { MailboxFolder, MailboxPort } from '../../ports/mailbox.ts';
import type { EwsConnection } from './ews-connection.ts';
import { withEwsRetry } from './with-ews-retry.ts';

/** EWSFindCountLimit defaults to 1000; asking for more per page has no effect. */
const PAGE_SIZE = 1000;

/** On-premises Exchange through EWS, one impersonated mailbox per call. */
export class EwsMailbox implements MailboxPort {
  constructor(private readonly connection: EwsConnection) {}

  async listFolders(mailbox: string, signal?: AbortSignal): Promise<MailboxFolder[]> {
    const folders: MailboxFolder[] = [];
    const properties = new PropertySet(BasePropertySet.IdOnly, [
      FolderSchema.DisplayName,
      FolderSchema.ParentFolderId,
      FolderSchema.TotalCount,
    ]);
    // EWS may return fewer than asked (throttling, find count limit): keep paging until MoreAvailable is false.
    for (let offset = 0; ;) {
      const view = new FolderView(PAGE_SIZE, offset);
      view.Traversal = FolderTraversal.Deep;
      view.PropertySet = properties;
      const page = await withEwsRetry(
        mailbox,
        () => this.connection.serviceFor(mailbox).FindFolders(WellKnownFolderName.MsgFolderRoot, view),
        signal,
      );
      folders.push(...page.Folders.map(toMailboxFolder));
      if (!page.MoreAvailable || page.Folders.length === 0) return folders;
      offset = page.NextPageOffset ?? offset + page.Folders.length;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function toMailboxFolder(folder: Folder): MailboxFolder {
  return {
    id: folder.Id.UniqueId,
    ...(folder.ParentFolderId ? { parentId: folder.ParentFolderId.UniqueId } : {}),
    displayName: folder.DisplayName,
    ...(typeof folder.TotalCount === 'number' ? { totalCount: folder.TotalCount } : {}),
  };
}
