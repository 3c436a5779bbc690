import { folderListingOf } from '../exchange/folder-listing.ts';
import type {
  CalendarSyncPage,
  FolderListing,
  FolderSyncResult,
  ItemSyncOptions,
  ItemSyncPage,
  MailboxCalendar,
  MailboxPort,
} from '../../ports/mailbox.ts';
import { getEwsAttachment } from './ews-calendar-attachment.ts';
import { syncEwsCalendar } from './ews-calendar-sync.ts';
import { listEwsCalendars } from './ews-calendars.ts';
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
    return folderListingOf(await this.syncFolders(mailbox, undefined, signal));
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

  listCalendars(mailbox: string, signal?: AbortSignal): Promise<readonly MailboxCalendar[]> {
    return listEwsCalendars(() => this.connection.serviceFor(mailbox), mailbox, signal);
  }

  syncCalendar(
    mailbox: string,
    calendarId: string,
    syncState: string | undefined,
    options: ItemSyncOptions = {},
  ): Promise<CalendarSyncPage> {
    return syncEwsCalendar(
      () => this.connection.serviceFor(mailbox),
      mailbox,
      calendarId,
      syncState,
      options,
    );
  }

  getCalendarAttachment(
    mailbox: string,
    _itemId: string,
    attachmentId: string,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    // An EWS attachment id names its item as well.
    return getEwsAttachment(() => this.connection.serviceFor(mailbox), mailbox, attachmentId, signal);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
