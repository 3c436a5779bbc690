import type { XmlElement } from '../xml/xml-tree.ts';
import type { ItemView } from '../../model/views.ts';
import { ewsDateTime } from '../protocol/ews-time.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { writeMailbox } from './mailbox-xml.ts';
import type { OccurrenceView } from './occurrences.ts';
import { firstOccurrence, lastOccurrence, occurrenceOf } from './occurrences.ts';
import {
  attendees,
  bool,
  calendarPatch,
  dateValue,
  durationText,
  enumValue,
  simple,
} from './property-builders.ts';
import type { ItemPropertyDef } from './property-types.ts';
import { OCCURRENCE_LIST_PROPERTIES } from './occurrence-lists.ts';
import { readRecurrence, writeRecurrence } from './recurrence-xml.ts';

/**
 * FirstOccurrence / LastOccurrence of a recurring master: OccurrenceInfoType (ItemId, Start, End,
 * OriginalStart), https://learn.microsoft.com/exchange/client-developer/web-service-reference/firstoccurrence
 * and .../lastoccurrence. Read-only, and not available to FindItem.
 */
function occurrenceInfo(
  uri: string,
  pick: (master: ItemView) => OccurrenceView | undefined,
): ItemPropertyDef {
  const element = uri.slice(uri.indexOf(':') + 1);
  return {
    uri,
    element,
    scope: 'calendar',
    structured: true,
    canFind: false,
    write: (i) => {
      if (occurrenceOf(i)) return '';
      const occurrence = pick(i);
      if (!occurrence?.calendar) return '';
      return el(
        `t:${element}`,
        undefined,
        el('t:ItemId', { Id: occurrence.id, ChangeKey: occurrence.changeKey }) +
          textEl('t:Start', ewsDateTime(occurrence.calendar.start)) +
          textEl('t:End', ewsDateTime(occurrence.calendar.end)) +
          textEl('t:OriginalStart', ewsDateTime(occurrence.occurrence.originalStart)),
      );
    },
  };
}

/**
 * CalendarItemType properties in schema order
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendaritem).
 */
export const CALENDAR_PROPERTIES: readonly ItemPropertyDef[] = [
  simple('calendar:UID', 'calendar', 'string', (i) => i.calendar?.uid, {
    read: (e) => calendarPatch({ uid: e.text.trim() }),
  }),
  simple('calendar:DateTimeStamp', 'calendar', 'dateTime', (i) =>
    i.calendar ? i.lastModifiedAt : undefined,
  ),
  simple('calendar:Start', 'calendar', 'dateTime', (i) => i.calendar?.start, {
    inDefault: ['calendar'],
    read: (e) => calendarPatch({ start: dateValue(e.text) }),
  }),
  simple('calendar:End', 'calendar', 'dateTime', (i) => i.calendar?.end, {
    inDefault: ['calendar'],
    read: (e) => calendarPatch({ end: dateValue(e.text) }),
  }),
  simple('calendar:IsAllDayEvent', 'calendar', 'boolean', (i) => i.calendar?.isAllDay, {
    read: (e) => calendarPatch({ isAllDay: bool(e.text) }),
  }),
  simple(
    'calendar:LegacyFreeBusyStatus',
    'calendar',
    { enum: ['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere', 'NoData'] },
    (i) => i.calendar?.showAs,
    {
      read: (e) =>
        calendarPatch({
          showAs: enumValue(
            ['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere', 'NoData'] as const,
            e.text,
          ),
        }),
    },
  ),
  simple('calendar:Location', 'calendar', 'string', (i) => i.calendar?.location, {
    inDefault: ['calendar'],
    read: (e) => calendarPatch({ location: e.text }),
    clear: calendarPatch({ location: '' }),
  }),
  simple('calendar:IsMeeting', 'calendar', 'boolean', (i) =>
    i.calendar ? i.calendar.requiredAttendees.length + i.calendar.optionalAttendees.length > 0 : undefined,
  ),
  simple('calendar:IsCancelled', 'calendar', 'boolean', (i) => (i.calendar ? false : undefined)),
  simple('calendar:IsRecurring', 'calendar', 'boolean', (i) =>
    i.calendar ? i.calendar.recurrence !== undefined || occurrenceOf(i) !== undefined : undefined,
  ),
  simple('calendar:MeetingRequestWasSent', 'calendar', 'boolean', (i) => (i.calendar ? false : undefined)),
  simple(
    'calendar:CalendarItemType',
    'calendar',
    { enum: ['Single', 'Occurrence', 'Exception', 'RecurringMaster'] },
    (i) =>
      i.calendar
        ? occurrenceOf(i)
          ? occurrenceOf(i)?.isException
            ? 'Exception'
            : 'Occurrence'
          : i.calendar.recurrence
            ? 'RecurringMaster'
            : 'Single'
        : undefined,
  ),
  simple('calendar:MyResponseType', 'calendar', 'string', (i, w) =>
    i.calendar
      ? i.calendar.organizer.address.toLowerCase() === w.owner.toLowerCase()
        ? 'Organizer'
        : 'Accept'
      : undefined,
  ),
  {
    uri: 'calendar:Organizer',
    element: 'Organizer',
    scope: 'calendar',
    structured: true,
    canFind: true,
    inDefault: ['calendar'],
    valueType: 'string',
    value: (i) => i.calendar?.organizer.address,
    write: (i, w) =>
      i.calendar ? el('t:Organizer', undefined, writeMailbox(w.model, i.calendar.organizer)) : '',
  },
  attendees('calendar:RequiredAttendees', 'requiredAttendees'),
  attendees('calendar:OptionalAttendees', 'optionalAttendees'),
  simple('calendar:Duration', 'calendar', 'string', (i) =>
    i.calendar ? durationText(i.calendar.start, i.calendar.end) : undefined,
  ),
  simple('calendar:TimeZone', 'calendar', 'string', (i) =>
    i.calendar ? '(UTC) Coordinated Universal Time' : undefined,
  ),
  simple('calendar:AppointmentState', 'calendar', 'int', (i) =>
    i.calendar
      ? i.calendar.requiredAttendees.length + i.calendar.optionalAttendees.length > 0
        ? 1
        : 0
      : undefined,
  ),
  {
    uri: 'calendar:Recurrence',
    element: 'Recurrence',
    scope: 'calendar',
    structured: true,
    canFind: false,
    write: (i) => (i.calendar?.recurrence ? writeRecurrence(i.calendar.recurrence) : ''),
    read: (e: XmlElement) => calendarPatch({ recurrence: readRecurrence(e) }),
    clear: calendarPatch({ recurrence: undefined }),
  },
  occurrenceInfo('calendar:FirstOccurrence', firstOccurrence),
  occurrenceInfo('calendar:LastOccurrence', lastOccurrence),
  ...OCCURRENCE_LIST_PROPERTIES,
];
