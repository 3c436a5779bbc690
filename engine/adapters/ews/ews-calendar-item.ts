import {
  AppointmentSchema,
  AppointmentType,
  BasePropertySet,
  BodyType,
  FileAttachment,
  ItemSchema,
  MeetingResponseType,
  PropertySet,
  type Appointment,
  type Attendee,
  type AttendeeCollection,
} from 'ews-javascript-api';
import {
  ITEM_SENSITIVITIES,
  type CalendarAttendee,
  type CalendarItem,
  type ItemAddress,
} from '../../ports/mailbox.ts';
import { neutralRecurrence } from './ews-recurrence.ts';
import { isoDate, optional } from './ews-values.ts';

/**
 * What CalendarItem needs, read through GetItem: Body, Attachments, attendees and the occurrence lists
 * cannot come from SyncFolderItems (https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation).
 */
export const CALENDAR_ITEM_PROPERTIES = new PropertySet(BasePropertySet.IdOnly, [
  ItemSchema.Subject,
  ItemSchema.Body,
  ItemSchema.Sensitivity,
  ItemSchema.Categories,
  ItemSchema.LastModifiedTime,
  ItemSchema.Attachments,
  AppointmentSchema.ICalUid,
  AppointmentSchema.Start,
  AppointmentSchema.End,
  AppointmentSchema.IsAllDayEvent,
  AppointmentSchema.TimeZone,
  AppointmentSchema.Location,
  AppointmentSchema.LegacyFreeBusyStatus,
  AppointmentSchema.AppointmentType,
  AppointmentSchema.Organizer,
  AppointmentSchema.RequiredAttendees,
  AppointmentSchema.OptionalAttendees,
  AppointmentSchema.Resources,
  AppointmentSchema.Recurrence,
  AppointmentSchema.ModifiedOccurrences,
  AppointmentSchema.DeletedOccurrences,
]);

const RESPONSES: Record<number, CalendarAttendee['response']> = {
  [MeetingResponseType.Unknown]: 'none',
  [MeetingResponseType.Organizer]: 'organizer',
  [MeetingResponseType.Tentative]: 'tentative',
  [MeetingResponseType.Accept]: 'accepted',
  [MeetingResponseType.Decline]: 'declined',
  [MeetingResponseType.NoResponseReceived]: 'notResponded',
};

/** LegacyFreeBusyStatus as Graph's showAs spells it. */
const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];

function attendees(list: AttendeeCollection | undefined, type: CalendarAttendee['type']): CalendarAttendee[] {
  return (list?.GetEnumerator() ?? [])
    .filter((a: Attendee) => a.Address)
    .map((a: Attendee) => {
      const response = RESPONSES[optional(() => a.ResponseType) ?? MeetingResponseType.Unknown];
      return {
        ...(a.Name ? { name: a.Name } : {}),
        address: a.Address,
        type,
        ...(response ? { response } : {}),
      };
    });
}

export interface ExceptionLink {
  readonly seriesMasterId: string;
  readonly originalStart: string;
}

/** One GetItem answer as a CalendarItem; `exception` links an exception to its master. */
export function toCalendarItem(
  appointment: Appointment,
  calendarId: string,
  exception?: ExceptionLink,
): CalendarItem {
  const type = optional(() => appointment.AppointmentType);
  const isMaster = type === AppointmentType.RecurringMaster;
  const recurrence = isMaster ? optional(() => appointment.Recurrence) : undefined;
  const pattern = recurrence ? neutralRecurrence(recurrence) : undefined;
  const deleted = isMaster
    ? (optional(() => appointment.DeletedOccurrences?.GetEnumerator()) ?? [])
        .map((d) => isoDate(optional(() => d.OriginalStart.ToISOString())))
        .filter((d): d is string => d !== undefined)
    : [];
  const organizerAddress = optional(() => appointment.Organizer);
  const organizer: ItemAddress | undefined =
    organizerAddress && (organizerAddress.Name || organizerAddress.Address)
      ? {
          ...(organizerAddress.Name ? { name: organizerAddress.Name } : {}),
          ...(organizerAddress.Address ? { address: organizerAddress.Address } : {}),
        }
      : undefined;
  const body = optional(() => appointment.Body);
  const uid = optional(() => appointment.ICalUid);
  const timeZone = optional(() => appointment.TimeZone);
  const location = optional(() => appointment.Location);
  const showAs = SHOW_AS[optional(() => appointment.LegacyFreeBusyStatus) ?? -1];
  const lastModified = isoDate(optional(() => appointment.LastModifiedTime?.ToISOString()));
  return {
    id: appointment.Id.UniqueId,
    calendarId,
    ...(uid ? { uid } : {}),
    type: exception ? 'exception' : isMaster ? 'seriesMaster' : 'single',
    ...(exception ?? {}),
    subject: optional(() => appointment.Subject) ?? '',
    start: isoDate(optional(() => appointment.Start.ToISOString())) ?? '',
    end: isoDate(optional(() => appointment.End.ToISOString())) ?? '',
    isAllDay: optional(() => appointment.IsAllDayEvent) ?? false,
    ...(timeZone ? { timeZone } : {}),
    ...(location ? { location } : {}),
    ...(organizer ? { organizer } : {}),
    attendees: [
      ...attendees(
        optional(() => appointment.RequiredAttendees),
        'required',
      ),
      ...attendees(
        optional(() => appointment.OptionalAttendees),
        'optional',
      ),
      ...attendees(
        optional(() => appointment.Resources),
        'resource',
      ),
    ],
    body: {
      contentType: body?.BodyType === BodyType.Text ? 'text' : 'html',
      content: body?.Text ?? '',
    },
    ...(pattern ? { recurrence: pattern } : {}),
    ...(isMaster ? { deletedOccurrences: deleted } : {}),
    sensitivity: ITEM_SENSITIVITIES[optional(() => appointment.Sensitivity) ?? 0] ?? 'normal',
    categories: optional(() => appointment.Categories?.GetEnumerator()) ?? [],
    ...(showAs ? { showAs } : {}),
    ...(lastModified ? { lastModified } : {}),
    // File attachments only: an attached item (ItemAttachment) has no bytes of its own to keep.
    attachments: (optional(() => appointment.Attachments?.GetEnumerator()) ?? [])
      .filter((a) => a instanceof FileAttachment)
      .map((a) => ({
        id: a.Id,
        name: a.Name ?? '',
        ...(a.ContentType ? { contentType: a.ContentType } : {}),
        size: a.Size ?? 0,
        isInline: a.IsInline ?? false,
      })),
  };
}
