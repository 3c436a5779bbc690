import type { CalendarFields } from '../../model/calendar.ts';
import type { ItemView } from '../../model/views.ts';
// The Graph endpoint's expansion of patterned recurrences (UTC) serves EWS as well; it belongs in model/
// once its owner moves it there.
import { expandOccurrences } from '../../graph/calendar/expand-recurrence.ts';

/**
 * Occurrences of recurring masters as EWS shows them: in a CalendarView
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendarview) and as the
 * FirstOccurrence / LastOccurrence of a master
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/firstoccurrence). The model
 * keeps no exceptions, so every occurrence follows its master. An occurrence is an ItemView of the master
 * with the occurrence's Start/End, its own id, and no recurrence.
 */

export interface OccurrenceInfo {
  masterId: string;
  /** ISO UTC start of the occurrence as the pattern places it (OriginalStart). */
  originalStart: string;
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
  start: string,
  end: string,
): OccurrenceView {
  const { recurrence: _series, ...single } = calendar;
  const occurrence = { masterId: master.id, originalStart: start };
  return { ...master, id: encodeOccurrenceId(occurrence), calendar: { ...single, start, end }, occurrence };
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
  return expandOccurrences(calendar, windowStart - 1, windowEnd)
    .filter((o) => inWindow(o.start, o.end))
    .map((o) => occurrenceView(item, calendar, o.start, o.end));
}

/** The occurrence of a master that starts at `originalStart`, if the pattern has one there. */
export function occurrenceAt(master: ItemView, originalStart: string): OccurrenceView | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence) return undefined;
  const at = Date.parse(originalStart);
  const found = expandOccurrences(calendar, at, at + 1).find((o) => Date.parse(o.start) === at);
  return found ? occurrenceView(master, calendar, found.start, found.end) : undefined;
}

export function firstOccurrence(master: ItemView): OccurrenceView | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence) return undefined;
  const from = Date.parse(`${calendar.recurrence.range.startDate}T00:00:00Z`);
  // Any pattern repeats within (interval + 1) years, so the first occurrence lies in that span.
  const span = (Math.max(1, calendar.recurrence.pattern.interval) + 1) * 366 * DAY_MS;
  const [first] = expandOccurrences(calendar, from, from + span);
  return first ? occurrenceView(master, calendar, first.start, first.end) : undefined;
}

/** The last occurrence of a series with an end (EndDate or numbered); a series without end has none. */
export function lastOccurrence(master: ItemView): OccurrenceView | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence || calendar.recurrence.range.type === 'noEnd') return undefined;
  const last = expandOccurrences(calendar, 0, Number.POSITIVE_INFINITY).at(-1);
  return last ? occurrenceView(master, calendar, last.start, last.end) : undefined;
}

/** The index-th occurrence (1-based, InstanceIndex of t:OccurrenceItemId) of a recurring master. */
export function occurrenceByIndex(master: ItemView, index: number): OccurrenceView | undefined {
  const calendar = master.calendar;
  if (!calendar?.recurrence || !Number.isInteger(index) || index < 1) return undefined;
  const from = Date.parse(`${calendar.recurrence.range.startDate}T00:00:00Z`);
  // Each period of (interval + 1) years holds at least one occurrence.
  const span = index * (Math.max(1, calendar.recurrence.pattern.interval) + 1) * 366 * DAY_MS;
  const found = expandOccurrences(calendar, from, from + span)[index - 1];
  return found ? occurrenceView(master, calendar, found.start, found.end) : undefined;
}
