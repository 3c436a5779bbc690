import type { DayOfTheWeek } from 'ews-javascript-api';
import {
  Appointment,
  BodyType,
  CalendarFolder,
  ConflictResolutionMode,
  DateTime,
  DeleteMode,
  FolderId,
  ItemId,
  MessageBody,
  Recurrence,
  SendCancellationsMode,
  SendInvitationsMode,
  SendInvitationsOrCancellationsMode,
  WellKnownFolderName,
  type ExchangeService,
} from 'ews-javascript-api';
import { ewsClient } from '../../../sim/ews/ews-test-client.ts';
import type { Simulator } from '../../../sim/simulator.ts';
import type { CalendarWriter, NewEvent, OccurrenceRef } from './calendar-writer.ts';

const utc = (text: string): DateTime => new DateTime(Date.parse(text));
/** The typings declare only the parameterless constructor; the library takes (start, interval, days). */
const WeeklyPattern = Recurrence.WeeklyPattern as unknown as new (
  start: DateTime,
  interval: number,
  days: DayOfTheWeek[],
) => InstanceType<typeof Recurrence.WeeklyPattern>;
/**
 * ews-javascript-api writes element text as it is (EwsServiceXmlWriter.WriteValue does no XML escaping),
 * so markup in a body would reach the server as child elements; escape it as the EWS Managed API would.
 */
const xmlText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const SAVE = [ConflictResolutionMode.AlwaysOverwrite, SendInvitationsOrCancellationsMode.SendToNone] as const;

/** CreateItem, UpdateItem, DeleteItem, CreateAttachment and CreateFolder as Outlook-like clients send them. */
export function ewsCalendarWriter(sim: Simulator): CalendarWriter {
  const services = new Map<string, ExchangeService>();
  const service = (mailbox: string): ExchangeService => {
    let found = services.get(mailbox);
    if (!found) services.set(mailbox, (found = ewsClient(sim, { mailbox })));
    return found;
  };
  const occurrence = (mailbox: string, masterId: string, ref: OccurrenceRef) =>
    Appointment.BindToOccurrence(service(mailbox), new ItemId(masterId), ref.index);
  return {
    async createCalendar(mailbox, name) {
      const folder = new CalendarFolder(service(mailbox));
      folder.DisplayName = name;
      await folder.Save(WellKnownFolderName.MsgFolderRoot);
      return folder.Id.UniqueId;
    },
    async createEvent(mailbox, calendarId, event: NewEvent) {
      const appointment = new Appointment(service(mailbox));
      appointment.Subject = event.subject;
      appointment.Start = utc(event.start);
      appointment.End = utc(event.end);
      appointment.Body = new MessageBody(
        event.body.contentType === 'html' ? BodyType.HTML : BodyType.Text,
        xmlText(event.body.content),
      );
      if (event.location) appointment.Location = event.location;
      for (const a of event.required ?? []) appointment.RequiredAttendees.Add(a.name, a.address);
      for (const a of event.optional ?? []) appointment.OptionalAttendees.Add(a.name, a.address);
      if (event.weekly) {
        const day = new Date(event.start).getUTCDay() as DayOfTheWeek;
        const pattern = new WeeklyPattern(utc(`${event.start.slice(0, 10)}T00:00:00Z`), 1, [day]);
        pattern.NumberOfOccurrences = event.weekly.count;
        appointment.Recurrence = pattern;
      }
      await appointment.Save(
        calendarId ? new FolderId(calendarId) : new FolderId(WellKnownFolderName.Calendar),
        SendInvitationsMode.SendToNone,
      );
      return appointment.Id.UniqueId;
    },
    async addAttachment(mailbox, itemId, name, contentType, bytes) {
      const appointment = await Appointment.Bind(service(mailbox), new ItemId(itemId));
      const attachment = appointment.Attachments.AddFileAttachment(name, bytes.toString('base64'));
      attachment.ContentType = contentType;
      await appointment.Update(...SAVE);
    },
    async updateOccurrence(mailbox, masterId, ref, change) {
      const appointment = await occurrence(mailbox, masterId, ref);
      appointment.Subject = change.subject;
      appointment.Start = utc(change.start);
      appointment.End = utc(change.end);
      await appointment.Update(...SAVE);
    },
    async deleteOccurrence(mailbox, masterId, ref) {
      const appointment = await occurrence(mailbox, masterId, ref);
      await appointment.Delete(DeleteMode.MoveToDeletedItems, SendCancellationsMode.SendToNone);
    },
    async updateSubject(mailbox, itemId, subject) {
      const appointment = await Appointment.Bind(service(mailbox), new ItemId(itemId));
      appointment.Subject = subject;
      await appointment.Update(...SAVE);
    },
    async deleteEvent(mailbox, itemId) {
      const appointment = await Appointment.Bind(service(mailbox), new ItemId(itemId));
      await appointment.Delete(DeleteMode.MoveToDeletedItems, SendCancellationsMode.SendToNone);
    },
  };
}
