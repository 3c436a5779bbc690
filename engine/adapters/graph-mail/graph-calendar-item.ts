import {
  ITEM_SENSITIVITIES,
  type CalendarAttachmentRef,
  type CalendarAttendee,
  type CalendarItem,
  type ItemSensitivity,
} from '../../ports/mailbox.ts';
import { neutralGraphRecurrence, type GraphRecurrence } from './graph-recurrence.ts';

/** The event fields the adapter asks for ($select), https://learn.microsoft.com/graph/api/resources/event. */
export const EVENT_SELECT = [
  'iCalUId',
  'type',
  'seriesMasterId',
  'originalStart',
  'subject',
  'start',
  'end',
  'isAllDay',
  'originalStartTimeZone',
  'location',
  'organizer',
  'attendees',
  'body',
  'recurrence',
  'sensitivity',
  'categories',
  'showAs',
  'lastModifiedDateTime',
  'hasAttachments',
];

interface GraphAddress {
  emailAddress?: { name?: string | null; address?: string | null } | null;
}

export interface GraphEvent {
  id: string;
  iCalUId?: string | null;
  type?: string;
  seriesMasterId?: string | null;
  originalStart?: string | null;
  subject?: string | null;
  start?: { dateTime: string; timeZone?: string } | null;
  end?: { dateTime: string; timeZone?: string } | null;
  isAllDay?: boolean;
  originalStartTimeZone?: string | null;
  location?: { displayName?: string | null } | null;
  organizer?: GraphAddress | null;
  attendees?: (GraphAddress & { type?: string; status?: { response?: string } | null })[];
  body?: { contentType?: string; content?: string } | null;
  recurrence?: GraphRecurrence | null;
  sensitivity?: string | null;
  categories?: string[];
  showAs?: string | null;
  lastModifiedDateTime?: string | null;
  hasAttachments?: boolean;
}

export interface GraphAttachment {
  id: string;
  '@odata.type'?: string;
  name?: string | null;
  contentType?: string | null;
  size?: number;
  isInline?: boolean;
}

const RESPONSES = new Set(['none', 'organizer', 'tentative', 'accepted', 'declined', 'notResponded']);
const ATTENDEE_TYPES = new Set(['required', 'optional', 'resource']);

/**
 * A dateTimeTimeZone as ISO UTC. The adapter asks for UTC (`Prefer: outlook.timezone="UTC"`), so
 * `dateTime` is a UTC wall-clock time without offset.
 */
export function utcIso(value: { dateTime: string } | null | undefined): string {
  if (!value?.dateTime) return '';
  const text = /[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime) ? value.dateTime : `${value.dateTime}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

function address(a: GraphAddress | null | undefined): { name?: string; address?: string } | undefined {
  const name = a?.emailAddress?.name;
  const mail = a?.emailAddress?.address;
  return name || mail ? { ...(name ? { name } : {}), ...(mail ? { address: mail } : {}) } : undefined;
}

function attendee(a: NonNullable<GraphEvent['attendees']>[number]): CalendarAttendee | undefined {
  const mail = a.emailAddress?.address;
  if (!mail) return undefined;
  const name = a.emailAddress?.name;
  const response = a.status?.response;
  return {
    ...(name ? { name } : {}),
    address: mail,
    type: (ATTENDEE_TYPES.has(a.type ?? '') ? a.type : 'required') as CalendarAttendee['type'],
    ...(response && RESPONSES.has(response) ? { response: response as CalendarAttendee['response'] } : {}),
  };
}

export interface SeriesFacts {
  readonly deletedOccurrences?: readonly string[];
  readonly attachments: readonly CalendarAttachmentRef[];
}

export function toCalendarItem(event: GraphEvent, calendarId: string, facts: SeriesFacts): CalendarItem {
  const type =
    event.type === 'seriesMaster' ? 'seriesMaster' : event.type === 'exception' ? 'exception' : 'single';
  const organizer = address(event.organizer);
  const recurrence =
    type === 'seriesMaster' && event.recurrence ? neutralGraphRecurrence(event.recurrence) : undefined;
  const originalStart = event.originalStart ? new Date(event.originalStart).toISOString() : undefined;
  const lastModified = event.lastModifiedDateTime
    ? new Date(event.lastModifiedDateTime).toISOString()
    : undefined;
  const sensitivity = (event.sensitivity ?? 'normal') as ItemSensitivity;
  return {
    id: event.id,
    calendarId,
    ...(event.iCalUId ? { uid: event.iCalUId } : {}),
    type,
    ...(type === 'exception' && event.seriesMasterId ? { seriesMasterId: event.seriesMasterId } : {}),
    ...(type === 'exception' && originalStart ? { originalStart } : {}),
    subject: event.subject ?? '',
    start: utcIso(event.start),
    end: utcIso(event.end),
    isAllDay: event.isAllDay ?? false,
    ...(event.originalStartTimeZone ? { timeZone: event.originalStartTimeZone } : {}),
    ...(event.location?.displayName ? { location: event.location.displayName } : {}),
    ...(organizer ? { organizer } : {}),
    attendees: (event.attendees ?? []).map(attendee).filter((a) => a !== undefined),
    body: {
      contentType: event.body?.contentType === 'text' ? 'text' : 'html',
      content: event.body?.content ?? '',
    },
    ...(recurrence ? { recurrence } : {}),
    ...(facts.deletedOccurrences ? { deletedOccurrences: facts.deletedOccurrences } : {}),
    sensitivity: ITEM_SENSITIVITIES.includes(sensitivity) ? sensitivity : 'normal',
    categories: event.categories ?? [],
    ...(event.showAs ? { showAs: event.showAs } : {}),
    ...(lastModified ? { lastModified } : {}),
    attachments: facts.attachments,
  };
}

/** File attachments only, as the EWS adapter keeps them: an attached item has no bytes of its own. */
export function toAttachmentRefs(list: readonly GraphAttachment[]): CalendarAttachmentRef[] {
  return list
    .filter(
      (a) => (a['@odata.type'] ?? '#microsoft.graph.fileAttachment') === '#microsoft.graph.fileAttachment',
    )
    .map((a) => ({
      id: a.id,
      name: a.name ?? '',
      ...(a.contentType ? { contentType: a.contentType } : {}),
      size: a.size ?? 0,
      isInline: a.isInline ?? false,
    }));
}
