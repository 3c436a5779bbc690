import type {
  FolderListing,
  FolderSyncResult,
  ItemSyncOptions,
  ItemSyncPage,
  MailboxPort,
} from '../../ports/mailbox.ts';
import type { EwsConnection } from './ews-connection.ts';
import { syncEwsFolders } from './ews-folder-sync.ts';
import { syncEwsItems } from './ews-item-sync.ts';

/**
 * On-premises Exchange through EWS, one impersonated mailbox per call.
 *
 * The folder tree is a full round of the incremental hierarchy sync (ews-folder-sync.ts:
 * SyncFolderHierarchy rooted at msgfolderroot), so a listing and a later `syncFolders` from its state
 * see the same folders.
 */
export class EwsMailbox implements MailboxPort {
  constructor(private readonly connection: EwsConnection) {}

  async listFolders(mailbox: string, signal?: AbortSignal): Promise<FolderListing> {
    const { changes, syncState } = await this.syncFolders(mailbox, undefined, signal);
    return { folders: changes.flatMap((c) => (c.kind === 'deleted' ? [] : [c.folder])), syncState };
  }

  syncItems(
    mailbox: string,
    folderId: string,
    syncState: string | undefined,
    options: ItemSyncOptions = {},
  ): Promise<ItemSyncPage> {
    return syncEwsItems(() => this.connection.serviceFor(mailbox), mailbox, folderId, syncState, options);
  }

  syncFolders(
    mailbox: string,
    syncState: string | undefined,
    signal?: AbortSignal,
  ): Promise<FolderSyncResult> {
    return syncEwsFolders(() => this.connection.serviceFor(mailbox), mailbox, syncState, signal);
  }

  // Interim (issue 9 in progress): the calendar passes land next.
  listCalendars(): Promise<never> {
    return Promise.reject(new Error('EWS: calendars are not implemented yet'));
  }

  syncCalendar(): Promise<never> {
    return Promise.reject(new Error('EWS: calendar sync is not implemented yet'));
  }

  getCalendarAttachment(): Promise<never> {
    return Promise.reject(new Error('EWS: calendar attachments are not implemented yet'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
