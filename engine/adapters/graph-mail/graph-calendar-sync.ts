import type { Client } from '@microsoft/microsoft-graph-client';
import type { CalendarItem, CalendarSyncPage, ItemSyncOptions } from '../../ports/mailbox.ts';
import { throwIfCancelled } from '../exchange/abortable.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import {
  EVENT_SELECT,
  toAttachmentRefs,
  toCalendarItem,
  type GraphAttachment,
  type GraphEvent,
} from './graph-calendar-item.ts';
import type { GraphCall } from './graph-item-sync.ts';
import { patternDates } from './graph-recurrence.ts';

/** Immutable ids (kept across moves) and every dateTime in UTC, on every request. */
export const CALENDAR_PREFER = 'IdType="ImmutableId", outlook.timezone="UTC"';
const DEFAULT_PAGE = 100;
/** Graph's largest `$top` for Outlook collections. */
const MAX_PAGE = 1000;
const DAY_MS = 86_400_000;
/** How far beyond the pattern an exception may have been moved and still be found. */
const MOVED_MARGIN_MS = 366 * DAY_MS;
/** How far ahead a series without end is read (its exceptions and cancellations). */
const NO_END_HORIZON_MS = 2 * 366 * DAY_MS;

interface GraphList<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const STATE = /^graph-calendar:(https?:\/\/.+)$/s;

/**
 * One page of a calendar, read in full every round: Graph v1.0 has no delta for a whole calendar
 * (events/delta is beta; calendarView/delta covers a date window of the primary calendar only). A round
 * lists `calendars/{id}/events` (single events and series masters,
 * https://learn.microsoft.com/graph/api/calendar-list-events) page by page; for each series master it
 * lists `events/{id}/instances` (https://learn.microsoft.com/graph/api/event-list-instances) over a
 * window that covers the pattern, keeps the exceptions and finds the cancelled occurrences (see
 * graph-recurrence.ts); for each item with attachments it lists their metadata
 * (https://learn.microsoft.com/graph/api/event-list-attachments). The state only carries the
 * `@odata.nextLink` of the round in progress; after the last page it is empty, and the next round
 * starts over.
 */
export async function syncGraphCalendar(
  client: Client,
  call: GraphCall,
  mailbox: string,
  calendarId: string,
  syncState: string | undefined,
  options: ItemSyncOptions,
): Promise<CalendarSyncPage> {
  const { signal } = options;
  throwIfCancelled(mailbox, signal);
  const user = `/users/${encodeURIComponent(mailbox)}`;
  let url = `${user}/calendars/${encodeURIComponent(calendarId)}/events`;
  const firstPage = syncState === undefined || syncState === 'graph-calendar:';
  if (!firstPage) {
    const match = STATE.exec(syncState);
    if (!match?.[1] || !URL.canParse(match[1]))
      throw new ExchangeError(
        'sync-state-invalid',
        `The calendar sync state given for ${mailbox} is not one the Graph adapter issued; the calendar must be synced again in full`,
      );
    url = match[1];
  }
  const get = <T>(path: string, query?: (r: ReturnType<Client['api']>) => void): Promise<T> =>
    call(() => {
      const request = client.api(path).header('Prefer', CALENDAR_PREFER).option('signal', signal);
      query?.(request);
      return request.get() as Promise<T>;
    });
  const size = Math.min(Math.max(Math.trunc(options.maxChanges ?? DEFAULT_PAGE), 1), MAX_PAGE);
  // The client encodes these; a nextLink carries them already.
  const page = await get<GraphList<GraphEvent>>(url, (r) => {
    if (firstPage) r.select(EVENT_SELECT).top(size);
  });
  const attachmentsOf = async (event: GraphEvent) =>
    event.hasAttachments
      ? toAttachmentRefs(
          await allPages<GraphAttachment>(
            get,
            `${user}/events/${encodeURIComponent(event.id)}/attachments`,
            (r) => r.select(['name', 'contentType', 'size', 'isInline']),
          ),
        )
      : [];
  const upserted: CalendarItem[] = [];
  for (const event of page.value) {
    if (event.type !== 'seriesMaster') {
      upserted.push(toCalendarItem(event, calendarId, { attachments: await attachmentsOf(event) }));
      continue;
    }
    const window = seriesWindow(event);
    const instances = await allPages<GraphEvent>(
      get,
      `${user}/events/${encodeURIComponent(event.id)}/instances`,
      (r) =>
        r.query({ startDateTime: window.start, endDateTime: window.end }).select(EVENT_SELECT).top(MAX_PAGE),
    );
    upserted.push(
      toCalendarItem(event, calendarId, {
        attachments: await attachmentsOf(event),
        deletedOccurrences: cancelledOccurrences(event, instances, window.until),
      }),
    );
    for (const exception of instances.filter((i) => i.type === 'exception'))
      upserted.push(
        toCalendarItem({ ...exception, seriesMasterId: exception.seriesMasterId ?? event.id }, calendarId, {
          attachments: await attachmentsOf(exception),
        }),
      );
  }
  const next = page['@odata.nextLink'];
  return {
    upserted,
    deleted: [],
    syncState: `graph-calendar:${next ?? ''}`,
    more: next !== undefined,
    full: true,
  };
}

type Get = <T>(path: string, query?: (r: ReturnType<Client['api']>) => void) => Promise<T>;

async function allPages<T>(
  get: Get,
  path: string,
  query: (r: ReturnType<Client['api']>) => void,
): Promise<T[]> {
  const out: T[] = [];
  let page = await get<GraphList<T>>(path, query);
  out.push(...page.value);
  while (page['@odata.nextLink']) {
    page = await get<GraphList<T>>(page['@odata.nextLink']);
    out.push(...page.value);
  }
  return out;
}

/** The instance window of a series: its pattern's dates, widened for exceptions moved away from them. */
function seriesWindow(master: GraphEvent): { start: string; end: string; until: number } {
  const range = master.recurrence?.range;
  const first = Date.parse(`${range?.startDate ?? master.start?.dateTime.slice(0, 10)}T00:00:00Z`);
  const until = Math.max(first, Date.now()) + NO_END_HORIZON_MS;
  const dates = patternDates(master.recurrence ?? {}, until);
  const last = dates.length ? Date.parse(`${dates.at(-1)}T00:00:00Z`) + DAY_MS : first + DAY_MS;
  return {
    start: new Date(first - MOVED_MARGIN_MS).toISOString(),
    end: new Date(last + MOVED_MARGIN_MS).toISOString(),
    until,
  };
}

/**
 * The pattern's occurrences Graph no longer lists: each at the master's time of day (UTC) on that date.
 * Matching is by date, so it holds for a series in any time zone; the time can be off by a daylight
 * saving shift between the series' first occurrence and the cancelled one.
 */
function cancelledOccurrences(master: GraphEvent, instances: readonly GraphEvent[], until: number): string[] {
  const listed = new Set(
    instances.map((i) => (i.originalStart ? new Date(i.originalStart).toISOString().slice(0, 10) : '')),
  );
  const start = master.start?.dateTime ? new Date(`${master.start.dateTime.replace(/Z$/, '')}Z`) : undefined;
  const timeOfDay = start ? start.toISOString().slice(10) : 'T00:00:00.000Z';
  return patternDates(master.recurrence ?? {}, until)
    .filter((date) => !listed.has(date))
    .map((date) => `${date}${timeOfDay}`);
}
