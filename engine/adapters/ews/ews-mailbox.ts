import {
  BasePropertySet,
  FolderId,
  FolderSchema,
  GetFolderRequest,
  PropertySet,
  ServiceResult,
  WellKnownFolderName,
  type ExchangeService,
  type Folder,
  type GetFolderResponse,
  type ServiceResponseCollection,
} from 'ews-javascript-api';
import {
  WELL_KNOWN_MAIL_FOLDERS,
  type CalendarSyncPage,
  type FolderListing,
  type ItemSyncOptions,
  type ItemSyncPage,
  type MailboxCalendar,
  type MailboxFolder,
  type MailboxPort,
  type WellKnownMailFolder,
} from '../../ports/mailbox.ts';
import { getEwsAttachment } from './ews-calendar-attachment.ts';
import { syncEwsCalendar } from './ews-calendar-sync.ts';
import { listEwsCalendars } from './ews-calendars.ts';
import type { EwsConnection } from './ews-connection.ts';
import { syncEwsItems } from './ews-item-sync.ts';
import { isMailFolderClass } from './mail-folder-class.ts';
import { withEwsRetry } from './with-ews-retry.ts';

/** The EWS names of the port's well-known mail folders, in the port's order. */
const DISTINGUISHED: Record<WellKnownMailFolder, WellKnownFolderName> = {
  inbox: WellKnownFolderName.Inbox,
  drafts: WellKnownFolderName.Drafts,
  sentitems: WellKnownFolderName.SentItems,
  deleteditems: WellKnownFolderName.DeletedItems,
  outbox: WellKnownFolderName.Outbox,
  junkemail: WellKnownFolderName.JunkEmail,
};

/**
 * GetFolder for several folders at once, each answered on its own (ExchangeService has no public
 * BindToFolders). The library exports the request class without typings; this is the part we use.
 */
interface MultiGetFolderRequest {
  readonly FolderIds: { Add(id: FolderId): void };
  PropertySet: PropertySet;
  Execute(): Promise<ServiceResponseCollection<GetFolderResponse>>;
}
/** ServiceErrorHandling.ReturnErrors: a missing folder is an error in its own response message, not a throw. */
const RETURN_ERRORS = 0;
const MultiGetFolder = GetFolderRequest as unknown as new (
  service: ExchangeService,
  errorHandling: number,
) => MultiGetFolderRequest;

const FOLDER_PROPERTIES = new PropertySet(BasePropertySet.IdOnly, [
  FolderSchema.DisplayName,
  FolderSchema.ParentFolderId,
  FolderSchema.FolderClass,
  FolderSchema.TotalCount,
]);

/**
 * On-premises Exchange through EWS, one impersonated mailbox per call.
 *
 * The folder tree comes from SyncFolderHierarchy rooted at msgfolderroot with no state: every folder
 * below the top of the information store in one answer (the operation has no paging, unlike FindFolder
 * with its EWSFindCountLimit), parents first, with the SyncState that a later incremental pass starts
 * from. https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
 * Folder ids carry no distinguished name, so one GetFolder with the six DistinguishedFolderIds names them.
 */
export class EwsMailbox implements MailboxPort {
  constructor(private readonly connection: EwsConnection) {}

  async listFolders(mailbox: string, signal?: AbortSignal): Promise<FolderListing> {
    const changes = await withEwsRetry(
      mailbox,
      () =>
        this.connection
          .serviceFor(mailbox)
          // The typings say string; the first sync of a hierarchy sends no state (null).
          .SyncFolderHierarchy(
            new FolderId(WellKnownFolderName.MsgFolderRoot),
            FOLDER_PROPERTIES,
            null as unknown as string,
          ),
      signal,
    );
    const wellKnown = await this.wellKnownFolderIds(mailbox, signal);
    const folders: MailboxFolder[] = [];
    for (const change of changes.GetEnumerator()) {
      const folder = change.Folder as Folder | undefined;
      if (!folder || !isMailFolderClass(folder.FolderClass)) continue;
      folders.push(toMailboxFolder(folder, wellKnown.get(folder.Id.UniqueId)));
    }
    return { folders, ...(changes.SyncState ? { syncState: changes.SyncState } : {}) };
  }

  syncItems(
    mailbox: string,
    folderId: string,
    syncState: string | undefined,
    options: ItemSyncOptions = {},
  ): Promise<ItemSyncPage> {
    return syncEwsItems(() => this.connection.serviceFor(mailbox), mailbox, folderId, syncState, options);
  }

  // Interim (issue 9 in progress): the folder hierarchy pass lands next.
  syncFolders(): Promise<never> {
    return Promise.reject(new Error('EWS: folder hierarchy sync is not implemented yet'));
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

  /** Folder id → well-known name, from one GetFolder; a distinguished folder the mailbox lacks is skipped. */
  private async wellKnownFolderIds(
    mailbox: string,
    signal?: AbortSignal,
  ): Promise<Map<string, WellKnownMailFolder>> {
    const responses = await withEwsRetry(
      mailbox,
      () => {
        const request = new MultiGetFolder(this.connection.serviceFor(mailbox), RETURN_ERRORS);
        for (const name of WELL_KNOWN_MAIL_FOLDERS) request.FolderIds.Add(new FolderId(DISTINGUISHED[name]));
        request.PropertySet = new PropertySet(BasePropertySet.IdOnly);
        return request.Execute();
      },
      signal,
    );
    const ids = new Map<string, WellKnownMailFolder>();
    WELL_KNOWN_MAIL_FOLDERS.forEach((name, i) => {
      const response = responses.__thisIndexer(i);
      if (response.Result === ServiceResult.Success && response.Folder)
        ids.set(response.Folder.Id.UniqueId, name);
    });
    return ids;
  }
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
