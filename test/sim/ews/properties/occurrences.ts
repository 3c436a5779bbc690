import type { CalendarFields } from '../../model/calendar.ts';
import type { ItemView } from '../../model/views.ts';
// The Graph endpoint's expansion of patterned recurrences (UTC) and of their exceptions serves EWS as well;
// it belongs in model/ once its owner moves it there.
import { expandOccurrences } from '../../graph/calendar/expand-recurrence.ts';
import type { SeriesInstance } from '../../graph/calendar/series.ts';
import { occurrenceAt as seriesOccurrenceAt, seriesInstances } from '../../graph/calendar/series.ts';

/**
 * Occurrences of recurring masters as EWS shows them: in a CalendarView
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendarview) and as the
 * FirstOccurrence / LastOccurrence of a master
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/firstoccurrence). An
 * occurrence is an ItemView of the master with the occurrence's Start/End, its own id and no recurrence;
 * the master's `calendar.exceptions` apply: a cancelled occurrence is not shown, a changed one is an
 * Exception (CalendarItemType) with its own start, end, subject, body, sensitivity and location.
 */

export interface OccurrenceInfo {
  masterId: string;
  /** ISO UTC start of the occurrence as the pattern places it (OriginalStart). */
  originalStart: string;
  /** Changed from the pattern (CalendarItemType Exception). */
  isException?: boolean;
}

export type OccurrenceView = ItemView & { occurrence: OccurrenceInfo };

const DAY_MS = 86_400_000;
const MARKER = Buffer.from('OCC1', 'ascii');

/** Occurrence ids are opaque like every EWS id: a marker, the original start and the master's id. */
export function encodeOccurrenceId(info: OccurrenceInfo): string {
  const start = Buffer.alloc(8);
  start.writeDoubleBE(Date.parse(info.originalStart));
  return Buffer.concat([MARKER, start, Buffer.from(info.masterId, 'utf8')]).toString('base64');
}

export function decodeOccurrenceId(id: string): OccurrenceInfo | undefined {
  const bytes = Buffer.from(id, 'base64');
  if (bytes.length <= 12 || !bytes.subarray(0, 4).equals(MARKER)) return undefined;
  const ms = bytes.readDoubleBE(4);
  if (!Number.isFinite(ms)) return undefined;
  return { masterId: bytes.subarray(12).toString('utf8'), originalStart: iso(ms) };
}

export function occurrenceOf(item: ItemView): OccurrenceInfo | undefined {
  return (item as Partial<OccurrenceView>).occurrence;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function occurrenceView(
  master: ItemView,
  calendar: CalendarFields,
  instance: SeriesInstance,
): OccurrenceView {
  const { recurrence: _series, exceptions: _exceptions, ...single } = calendar;
  const exception = instance.exception;
  const occurrence: OccurrenceInfo = {
    masterId: master.id,
    originalStart: instance.originalStart,
    ...(exception ? { isException: true } : {}),
  };
  return {
    ...master,
    id: encodeOccurrenceId(occurrence),
    subject: exception?.subject ?? master.subject,
    body: exception?.body ?? master.body,
    sensitivity: exception?.sensitivity ?? master.sensitivity,
    calendar: {
      ...single,
      start: instance.start,
      end: instance.end,
      location: exception?.location ?? calendar.location,
    },
    occurrence,
  };
}

/**
 * What a CalendarView shows of one item: a single item that falls in the window, or the occurrences of a
 * recurring master that do ("All calendar items that have an end time that is before StartDate will not
 * be returned … that have a start time that is on or after EndDate will not be returned").
 */
export function calendarViewEntries(item: ItemView, windowStart: number, windowEnd: number): ItemView[] {
  const calendar = item.calendar;
  if (item.kind !== 'calendar' || !calendar) return [];
  const inWindow = (start: string, end: string): boolean =>
    Date.parse(start) < windowEnd && Date.parse(end) >= windowStart;
  if (!calendar.recurrence) return inWindow(calendar.start, calendar.end) ? [item] : [];
  return seriesInstances(calendar, windowStart - 1, windowEnd)
    .filter((o) => inWindow(o.start, o.end))
    .map((o) => occurrenceView(item, calendar, o));
}

/** The occurrence of a master that starts at `originalStart`, if the pattern has one there. */
export function occurrenceAt(master: ItemView, originalStart: string): OccurrenceView | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence) return undefined;
  const found = seriesOccurrenceAt(calendar, originalStart);
  return found ? occurrenceView(master, calendar, found) : undefined;
}

export function firstOccurrence(master: ItemView): OccurrenceView | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence) return undefined;
  const from = Date.parse(`${calendar.recurrence.range.startDate}T00:00:00Z`);
  // Any pattern repeats within (interval + 1) years, so the first occurrence lies in that span.
  const span = (Math.max(1, calendar.recurrence.pattern.interval) + 1) * 366 * DAY_MS;
  const [first] = seriesInstances(calendar, from, from + span);
  return first ? occurrenceView(master, calendar, first) : undefined;
}

/** The last occurrence of a series with an end (EndDate or numbered); a series without end has none. */
export function lastOccurrence(master: ItemView): OccurrenceView | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence || calendar.recurrence.range.type === 'noEnd') return undefined;
  const last = seriesInstances(calendar, 0, Number.POSITIVE_INFINITY).at(-1);
  return last ? occurrenceView(master, calendar, last) : undefined;
}

/**
 * The index-th occurrence (1-based, InstanceIndex of t:OccurrenceItemId) of a recurring master; indexes
 * count the pattern's occurrences, cancelled ones included ('deleted').
 */
export function occurrenceByIndex(master: ItemView, index: number): OccurrenceView | 'deleted' | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence || !Number.isInteger(index) || index < 1) return undefined;
  const from = Date.parse(`${calendar.recurrence.range.startDate}T00:00:00Z`);
  // Each period of (interval + 1) years holds at least one occurrence.
  const span = index * (Math.max(1, calendar.recurrence.pattern.interval) + 1) * 366 * DAY_MS;
  const found = expandOccurrences(calendar, from, from + span)[index - 1];
  if (!found) return undefined;
  return occurrenceAt(master, found.start) ?? 'deleted';
}
