import {
  BasePropertySet,
  Folder,
  FolderId,
  FolderSchema,
  PropertySet,
  WellKnownFolderName,
  type ExchangeService,
} from 'ews-javascript-api';
import type { MailboxCalendar } from '../../ports/mailbox.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import { withEwsRetry } from './with-ews-retry.ts';

const CALENDAR_FOLDER_PROPERTIES = new PropertySet(BasePropertySet.IdOnly, [
  FolderSchema.DisplayName,
  FolderSchema.FolderClass,
]);

/** Responses of one hierarchy round at most: only stops a server that never says it is done. */
const MAX_RESPONSES = 1000;

/** IPF.Appointment and its subclasses (IPF.Appointment.Birthday, …) are calendars. */
export function isCalendarFolderClass(folderClass: string | undefined): boolean {
  return folderClass === 'IPF.Appointment' || (folderClass?.startsWith('IPF.Appointment.') ?? false);
}

/**
 * Every calendar folder of the mailbox, the default one (DistinguishedFolderId `calendar`) first: the
 * whole tree under msgfolderroot from SyncFolderHierarchy without state (calendars may sit anywhere,
 * not only under Calendar), filtered on FolderClass, then one GetFolder names the default.
 * https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-work-with-calendar-folders-by-using-ews-in-exchange
 */
export async function listEwsCalendars(
  service: () => ExchangeService,
  mailbox: string,
  signal?: AbortSignal,
): Promise<MailboxCalendar[]> {
  const folders: Folder[] = [];
  // An answer may stop short (IncludesLastFolderInRange false): ask again from its state until done.
  let state: string | null = null;
  for (let responses = 0; ; responses++) {
    if (responses >= MAX_RESPONSES)
      throw new ExchangeError(
        'server-error',
        `EWS kept answering SyncFolderHierarchy for ${mailbox} with more folders after ${MAX_RESPONSES} requests`,
      );
    const page = await withEwsRetry(
      mailbox,
      () =>
        service().SyncFolderHierarchy(
          new FolderId(WellKnownFolderName.MsgFolderRoot),
          CALENDAR_FOLDER_PROPERTIES,
          // The typings say string; a first sync sends no state (null).
          state as string,
        ),
      signal,
    );
    for (const change of page.GetEnumerator()) if (change.Folder) folders.push(change.Folder);
    state = page.SyncState;
    if (!page.MoreChangesAvailable) break;
  }
  const defaultCalendar = await withEwsRetry(
    mailbox,
    () =>
      Folder.Bind(
        service(),
        WellKnownFolderName.Calendar,
        new PropertySet(BasePropertySet.IdOnly, [FolderSchema.DisplayName]),
      ),
    signal,
  );
  const defaultId = defaultCalendar.Id.UniqueId;
  const others: MailboxCalendar[] = [];
  for (const folder of folders) {
    if (folder.Id.UniqueId === defaultId || !isCalendarFolderClass(folder.FolderClass)) continue;
    others.push({ id: folder.Id.UniqueId, name: folder.DisplayName, isDefault: false });
  }
  return [{ id: defaultId, name: defaultCalendar.DisplayName, isDefault: true }, ...others];
}
