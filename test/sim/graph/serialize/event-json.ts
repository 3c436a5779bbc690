import type { ItemView, OccurrenceException, Recurrence } from '../../model/index.ts';
import type { Occurrence } from '../calendar/expand-recurrence.ts';
import { graphItemId } from '../ids/graph-ids.ts';
import { bodyPreview, dateTimeTimeZone, etag, lowerFirst, recipient } from './common-json.ts';

/**
 * A calendar item as a Graph `event` (https://learn.microsoft.com/graph/api/resources/event). Unlike
 * messages, events do have `sensitivity` in v1.0. Times are served in UTC.
 */

/** Occurrence ids: the master's id, a dot (never in a base64url id) and the occurrence start. */
export function occurrenceId(masterGraphId: string, start: string): string {
  return `${masterGraphId}.${start.replace(/[-:]/g, '').slice(0, 15)}`;
}

export function splitOccurrenceId(id: string): { masterId: string; stamp: string } | undefined {
  const match = /^([A-Za-z0-9_-]+)\.(\d{8}T\d{6})$/.exec(id);
  return match?.[1] && match[2] ? { masterId: match[1], stamp: match[2] } : undefined;
}

function recurrenceJson(recurrence: Recurrence): Record<string, unknown> {
  const { pattern, range } = recurrence;
  return {
    pattern: {
      type: pattern.type,
      interval: pattern.interval,
      month: pattern.month ?? 0,
      dayOfMonth: pattern.dayOfMonth ?? 0,
      daysOfWeek: pattern.daysOfWeek ?? [],
      firstDayOfWeek: pattern.firstDayOfWeek ?? 'sunday',
      index: pattern.index ?? 'first',
    },
    range: {
      type: range.type,
      startDate: range.startDate,
      endDate: range.endDate ?? '0001-01-01',
      recurrenceTimeZone: 'UTC',
      numberOfOccurrences: range.numberOfOccurrences ?? 0,
    },
  };
}

/** An occurrence of a series: its times, and for an exception its original start and changes. */
export type OccurrenceView = Occurrence & { originalStart?: string; exception?: OccurrenceException };

/** `owner` is the mailbox's primary address (decides isOrganizer). */
export function eventJson(
  item: ItemView,
  immutableIds: boolean,
  owner: string | undefined,
  occurrence?: OccurrenceView,
): Record<string, unknown> {
  const calendar = item.calendar;
  const masterId = graphItemId(item, immutableIds);
  const start = occurrence?.start ?? calendar?.start;
  const originalStart = occurrence?.originalStart ?? occurrence?.start;
  const id = occurrence && originalStart ? occurrenceId(masterId, originalStart) : masterId;
  const exception = occurrence?.exception;
  const body = exception?.body ?? item.body;
  const location = exception?.location ?? calendar?.location;
  const organizer = calendar?.organizer ?? item.from;
  const isOrganizer = owner !== undefined && organizer?.address.toLowerCase() === owner.toLowerCase();
  const attendee = (type: 'required' | 'optional') => (a: { name: string; address: string }) => ({
    type,
    status: { response: 'none', time: '0001-01-01T00:00:00Z' },
    emailAddress: { name: a.name, address: a.address },
  });
  return {
    '@odata.type': '#microsoft.graph.event',
    '@odata.etag': etag(item.changeKey),
    id,
    createdDateTime: item.createdAt,
    lastModifiedDateTime: exception?.lastModifiedAt ?? item.lastModifiedAt,
    changeKey: item.changeKey,
    categories: [...item.categories],
    originalStartTimeZone: 'UTC',
    originalEndTimeZone: 'UTC',
    iCalUId: calendar?.uid ?? null,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: item.hasAttachments,
    subject: exception?.subject ?? item.subject,
    bodyPreview: bodyPreview(body),
    importance: lowerFirst(item.importance),
    sensitivity: lowerFirst(exception?.sensitivity ?? item.sensitivity),
    isAllDay: calendar?.isAllDay ?? false,
    isCancelled: false,
    isOrganizer,
    responseRequested: true,
    seriesMasterId: occurrence ? masterId : null,
    showAs: lowerFirst(calendar?.showAs ?? 'Busy'),
    type: exception
      ? 'exception'
      : occurrence
        ? 'occurrence'
        : calendar?.recurrence
          ? 'seriesMaster'
          : 'singleInstance',
    ...(occurrence && originalStart ? { originalStart } : {}),
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    isDraft: false,
    body: { contentType: body.type, content: body.content },
    start: dateTimeTimeZone(start),
    end: dateTimeTimeZone(occurrence?.end ?? calendar?.end),
    location: { displayName: location ?? '', locationType: 'default', uniqueIdType: 'unknown' },
    locations: location ? [{ displayName: location, locationType: 'default' }] : [],
    recurrence: !occurrence && calendar?.recurrence ? recurrenceJson(calendar.recurrence) : null,
    attendees: [
      ...(calendar?.requiredAttendees ?? []).map(attendee('required')),
      ...(calendar?.optionalAttendees ?? []).map(attendee('optional')),
    ],
    organizer: recipient(organizer),
  };
}
