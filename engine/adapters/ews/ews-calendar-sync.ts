import {
  Appointment,
  BasePropertySet,
  ChangeType,
  FolderId,
  ItemId,
  PropertySet,
  ServiceError,
  ServiceResult,
  SyncFolderItemsScope,
  type ExchangeService,
} from 'ews-javascript-api';
import type { CalendarItem, CalendarSyncPage, ItemSyncOptions } from '../../ports/mailbox.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import { CALENDAR_ITEM_PROPERTIES, toCalendarItem, type ExceptionLink } from './ews-calendar-item.ts';
import { toExchangeError } from './ews-failure.ts';
import { isoDate, optional } from './ews-values.ts';
import { withEwsRetry } from './with-ews-retry.ts';

/** SyncFolderItems' MaxChangesReturned range (https://learn.microsoft.com/exchange/client-developer/web-service-reference/maxchangesreturned). */
const MAX_CHANGES = 512;
/** Calendar items carry bodies and attendee lists: smaller GetItem batches than the metadata-only item sync. */
const GET_ITEM_BATCH = 64;

/**
 * The adapter's state: which round the EWS SyncState belongs to (`full` while the first round pages on,
 * `incremental` after), so every page of a round says the same `full`.
 */
const STATE = /^ews-calendar:(full|incremental):(.+)$/s;

function invalidState(mailbox: string): ExchangeError {
  return new ExchangeError(
    'sync-state-invalid',
    `The calendar sync state given for ${mailbox} is not one the EWS adapter issued; the calendar must be synced again in full`,
  );
}

/**
 * One page of a calendar folder: SyncFolderItems for the ids of what changed
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation),
 * then GetItem for the items' properties, and for every recurring master GetItem of the exceptions its
 * ModifiedOccurrences names (https://learn.microsoft.com/exchange/client-developer/web-service-reference/modifiedoccurrences):
 * exceptions are not items of the folder, so SyncFolderItems reports only the master when one changes.
 * An updated master is therefore reported with all its current exceptions.
 */
export async function syncEwsCalendar(
  service: () => ExchangeService,
  mailbox: string,
  calendarId: string,
  syncState: string | undefined,
  options: ItemSyncOptions,
): Promise<CalendarSyncPage> {
  const { signal } = options;
  let full = true;
  let ewsState: string | null = null;
  if (syncState !== undefined) {
    const match = STATE.exec(syncState);
    if (!match?.[1] || !match[2]) throw invalidState(mailbox);
    full = match[1] === 'full';
    ewsState = match[2];
  }
  const max = Math.min(Math.max(Math.trunc(options.maxChanges ?? MAX_CHANGES), 1), MAX_CHANGES);
  const page = await withEwsRetry(
    mailbox,
    () =>
      service().SyncFolderItems(
        new FolderId(calendarId),
        new PropertySet(BasePropertySet.IdOnly),
        [],
        max,
        SyncFolderItemsScope.NormalItems,
        // The typings say string; a full sync sends no state (null).
        ewsState as string,
      ),
    signal,
  );
  const deleted: string[] = [];
  const toLoad: string[] = [];
  for (const change of page.GetEnumerator()) {
    if (change.ChangeType === ChangeType.Delete) deleted.push(change.ItemId.UniqueId);
    else if (change.ChangeType === ChangeType.Create || change.ChangeType === ChangeType.Update)
      toLoad.push(change.ItemId.UniqueId);
    // ReadFlagChange does not concern calendar items.
  }
  const upserted: CalendarItem[] = [];
  const exceptions: { id: string; link: ExceptionLink }[] = [];
  for (const appointment of await loadAppointments(service, mailbox, toLoad, signal)) {
    const item = toCalendarItem(appointment, calendarId);
    upserted.push(item);
    if (item.type !== 'seriesMaster') continue;
    for (const info of optional(() => appointment.ModifiedOccurrences?.GetEnumerator()) ?? []) {
      const originalStart = isoDate(optional(() => info.OriginalStart.ToISOString()));
      if (originalStart)
        exceptions.push({ id: info.ItemId.UniqueId, link: { seriesMasterId: item.id, originalStart } });
    }
  }
  const links = new Map(exceptions.map((e) => [e.id, e.link]));
  const loadedExceptions = await loadAppointments(
    service,
    mailbox,
    exceptions.map((e) => e.id),
    signal,
  );
  for (const appointment of loadedExceptions) {
    const link = links.get(appointment.Id.UniqueId);
    if (link) upserted.push(toCalendarItem(appointment, calendarId, link));
  }
  const round = full && page.MoreChangesAvailable ? 'full' : 'incremental';
  return {
    upserted,
    deleted: full ? [] : deleted,
    syncState: `ews-calendar:${round}:${page.SyncState}`,
    more: page.MoreChangesAvailable,
    full,
  };
}

/** GetItem in batches; an item gone since SyncFolderItems (ErrorItemNotFound) is left out. */
async function loadAppointments(
  service: () => ExchangeService,
  mailbox: string,
  ids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Appointment[]> {
  const out: Appointment[] = [];
  for (let i = 0; i < ids.length; i += GET_ITEM_BATCH) {
    const batch = ids.slice(i, i + GET_ITEM_BATCH).map((id) => new ItemId(id));
    const responses = await withEwsRetry(
      mailbox,
      () => service().BindToItems(batch, CALENDAR_ITEM_PROPERTIES),
      signal,
    );
    for (const response of responses.GetEnumerator()) {
      if (response.Result === ServiceResult.Success && response.Item instanceof Appointment) {
        out.push(response.Item);
        continue;
      }
      if (response.Result === ServiceResult.Success) continue; // not a calendar item (a stray message)
      if (response.ErrorCode === ServiceError.ErrorItemNotFound) continue;
      const code = ServiceError[response.ErrorCode];
      throw toExchangeError(
        { responseCode: code, message: response.ErrorMessage ?? code },
        mailbox,
        response,
      );
    }
  }
  return out;
}
