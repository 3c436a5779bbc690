import { ExchangeError } from '../../adapters/exchange/exchange-errors.ts';
import type { CalendarReplicationSettings } from '../../domain/definitions/calendar-replication.ts';
import type { CalendarItem, MailboxCalendar } from '../../ports/mailbox.ts';
import type { MailboxPass } from '../task-type.ts';
import { toReplicaItem } from './calendar-attachments.ts';
import type { CalendarReplicationState, CalendarSyncState } from './calendar-state.ts';

type Pass = MailboxPass<CalendarReplicationSettings, CalendarReplicationState>;

/** Calendar items carry bodies and attendees: smaller pages than mail metadata. */
const PAGE_SIZE = 100;

export interface CalendarPagePayload {
  readonly kind: 'calendar-replication';
  readonly calendarId: string;
  readonly calendar: string;
  /** Items written (new or changed), with their attachments. */
  readonly stored: number;
  readonly attachments: number;
  /** Items removed because Exchange deleted them (reported, or absent from a full round). */
  readonly removed: number;
}

export interface CalendarPassResult {
  readonly state: CalendarReplicationState;
  readonly handled: number;
  readonly finished: boolean;
}

/**
 * Replicates one calendar page by page from its saved state. A page goes to the replica (attachments
 * to the blob store first) and is then submitted with the state it leads to; replaying a page after a
 * crash rewrites the same rows. An item whose `lastModified` did not change is only marked seen.
 */
export async function replicateCalendar(
  pass: Pass,
  calendar: MailboxCalendar,
  start: CalendarReplicationState,
  budget: number,
): Promise<CalendarPassResult> {
  const { replica, scope } = pass.platform;
  let state = start;
  let calendarState: CalendarSyncState = state.calendars[calendar.id] ?? {};
  let handled = 0;
  for (;;) {
    if (calendarState.syncState === undefined && calendarState.fullSince === undefined)
      calendarState = { fullSince: pass.now().toISOString() };
    pass.report(`Replicating the calendar "${calendar.name}" of ${pass.mailbox}`);
    let page;
    try {
      page = await pass.exchange.syncCalendar(pass.mailbox, calendar.id, calendarState.syncState, {
        maxChanges: PAGE_SIZE,
        signal: pass.signal,
      });
    } catch (error) {
      if (isInvalidState(error) && calendarState.syncState !== undefined) {
        pass.note(`${calendar.name}: the sync state had expired; the calendar was read again in full`);
        calendarState = { fullSince: pass.now().toISOString() };
        continue;
      }
      throw error;
    }
    // A full round reports every item: if it started without us asking (the adapter always lists in
    // full), items it does not report are gone, so it is swept like any full round.
    if (page.full && calendarState.fullSince === undefined && calendarState.syncState !== undefined)
      calendarState = { ...calendarState, fullSince: pass.now().toISOString() };
    const at = pass.now().toISOString();
    const changed = await changedItems(pass, page.upserted);
    const items = [];
    for (const item of changed) items.push(await toReplicaItem(pass, item, calendar.name, at));
    if (items.length > 0) await replica.upsertCalendarItems(scope, items);
    const unchanged = page.upserted.filter((item) => !changed.includes(item)).map((item) => item.id);
    if (unchanged.length > 0) await replica.touchCalendarItems(scope, unchanged, at);
    let removed = page.deleted.length > 0 ? await replica.deleteCalendarItems(scope, page.deleted) : 0;
    // A master comes with all its current exceptions: stored ones it no longer has are gone.
    for (const master of page.upserted.filter((item) => item.type === 'seriesMaster')) {
      const keep = page.upserted.filter((item) => item.seriesMasterId === master.id).map((item) => item.id);
      removed += await replica.pruneExceptions(scope, master.id, keep);
    }
    const roundEnded = !page.more;
    if (roundEnded && calendarState.fullSince !== undefined)
      removed += await replica.sweepCalendar(scope, calendar.id, calendarState.fullSince);
    calendarState = {
      syncState: page.syncState,
      ...(!roundEnded && calendarState.fullSince !== undefined ? { fullSince: calendarState.fullSince } : {}),
    };
    state = { ...state, calendars: { ...state.calendars, [calendar.id]: calendarState } };
    if (items.length > 0 || removed > 0) {
      // Only pages that wrote count against the budget, so a pass always stops right after a
      // submission (its state stored) and never loops over pages that were merely read.
      handled += items.length + removed;
      const payload: CalendarPagePayload = {
        kind: 'calendar-replication',
        calendarId: calendar.id,
        calendar: calendar.name,
        stored: items.length,
        attachments: items.reduce((sum, item) => sum + item.attachments.length, 0),
        removed,
      };
      await pass.submit(payload, state);
    }
    if (roundEnded) return { state, handled, finished: true };
    if (handled >= budget) return { state, handled, finished: false };
  }
}

/** Items new to the replica or changed since it stored them. */
async function changedItems(pass: Pass, items: readonly CalendarItem[]): Promise<CalendarItem[]> {
  if (items.length === 0) return [];
  const stored = await pass.platform.replica.calendarVersions(
    pass.platform.scope,
    items.map((item) => item.id),
  );
  return items.filter(
    (item) =>
      !stored.has(item.id) || item.lastModified === undefined || stored.get(item.id) !== item.lastModified,
  );
}

function isInvalidState(error: unknown): boolean {
  return error instanceof ExchangeError && error.code === 'sync-state-invalid';
}
