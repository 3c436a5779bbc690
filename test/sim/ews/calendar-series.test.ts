import type { ExchangeService, FileAttachment } from 'ews-javascript-api';
import {
  Appointment,
  AppointmentSchema,
  AppointmentType,
  BasePropertySet,
  CalendarFolder,
  ConflictResolutionMode,
  DateTime,
  DayOfTheWeek,
  DeleteMode,
  FolderId,
  ItemId,
  ItemSchema,
  PropertySet,
  Recurrence,
  SendCancellationsMode,
  SendInvitationsMode,
  SendInvitationsOrCancellationsMode,
  SyncFolderItemsScope,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { useEwsSimulator } from './ews-test-fixture.ts';

let sim: Simulator;
let mailbox: string;
let service: ExchangeService;

useEwsSimulator(
  {
    population: {
      mailboxes: 1,
      foldersPerMailbox: 1,
      itemsPerFolder: 1,
      calendarItemsPerMailbox: 0,
      seed: 'cs',
    },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

const utc = (text: string): DateTime => new DateTime(Date.parse(text));
const iso = (d: DateTime): string => new Date(d.TotalMilliSeconds).toISOString();
const FULL = new PropertySet(BasePropertySet.FirstClassProperties, [
  ItemSchema.Attachments,
  AppointmentSchema.Recurrence,
  AppointmentSchema.ModifiedOccurrences,
  AppointmentSchema.DeletedOccurrences,
  AppointmentSchema.RequiredAttendees,
  AppointmentSchema.ICalUid,
]);

let masterId = '';
const fileBytes = Buffer.from('agenda for the weekly sync\n');

/** A weekly series (Tuesdays 10:00–10:30 UTC, four times from 3 March 2026) with an attendee and a file. */
beforeAll(async () => {
  const appointment = new Appointment(service);
  appointment.Subject = 'Weekly sync';
  appointment.Start = utc('2026-03-03T10:00:00Z');
  appointment.End = utc('2026-03-03T10:30:00Z');
  appointment.RequiredAttendees.Add('colleague@example.test');
  // The typings declare only the parameterless constructor; the library takes (start, interval, days).
  const Weekly = Recurrence.WeeklyPattern as unknown as new (
    start: DateTime,
    interval: number,
    days: DayOfTheWeek[],
  ) => InstanceType<typeof Recurrence.WeeklyPattern>;
  const pattern = new Weekly(utc('2026-03-03T00:00:00Z'), 1, [DayOfTheWeek.Tuesday]);
  pattern.NumberOfOccurrences = 4;
  appointment.Recurrence = pattern;
  appointment.Attachments.AddFileAttachment('agenda.txt', fileBytes.toString('base64'));
  await appointment.Save(new FolderId(WellKnownFolderName.Calendar), SendInvitationsMode.SendToNone);
  masterId = appointment.Id.UniqueId;
});

describe('Recurring series over EWS', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-create-recurring-series-by-using-ews-in-exchange
  it('creates a recurring master whose Recurrence, UID, attendees and attachment read back', async () => {
    const master = await Appointment.Bind(service, new ItemId(masterId), FULL);
    expect(master.AppointmentType).toBe(AppointmentType.RecurringMaster);
    const recurrence = master.Recurrence as InstanceType<typeof Recurrence.WeeklyPattern>;
    expect(recurrence).toBeInstanceOf(Recurrence.WeeklyPattern);
    expect(recurrence.DaysOfTheWeek.GetEnumerator()).toEqual([DayOfTheWeek.Tuesday]);
    expect(recurrence.NumberOfOccurrences).toBe(4);
    expect(iso(recurrence.StartDate).slice(0, 10)).toBe('2026-03-03');
    expect(master.ICalUid).toMatch(/\S/);
    expect(master.RequiredAttendees.GetEnumerator().map((a) => a.Address)).toEqual([
      'colleague@example.test',
    ]);
    const [attachment] = master.Attachments.GetEnumerator();
    expect(attachment?.Name).toBe('agenda.txt');
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-update-a-recurring-series-by-using-ews-in-exchange
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/modifiedoccurrences
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/deletedoccurrences
  it('makes a changed occurrence an exception and a deleted one a DeletedOccurrence of the master', async () => {
    const second = await Appointment.BindToOccurrence(service, new ItemId(masterId), 2);
    second.Subject = 'Weekly sync (moved)';
    second.Start = utc('2026-03-10T14:00:00Z');
    second.End = utc('2026-03-10T14:30:00Z');
    await second.Update(
      ConflictResolutionMode.AlwaysOverwrite,
      SendInvitationsOrCancellationsMode.SendToNone,
    );
    const third = await Appointment.BindToOccurrence(service, new ItemId(masterId), 3);
    await third.Delete(DeleteMode.MoveToDeletedItems, SendCancellationsMode.SendToNone);

    const master = await Appointment.Bind(service, new ItemId(masterId), FULL);
    const modified = master.ModifiedOccurrences.GetEnumerator();
    expect(modified.map((o) => [iso(o.OriginalStart), iso(o.Start), iso(o.End)])).toEqual([
      ['2026-03-10T10:00:00.000Z', '2026-03-10T14:00:00.000Z', '2026-03-10T14:30:00.000Z'],
    ]);
    expect(master.DeletedOccurrences.GetEnumerator().map((d) => iso(d.OriginalStart))).toEqual([
      '2026-03-17T10:00:00.000Z',
    ]);
    const exception = await Appointment.Bind(service, modified[0]!.ItemId, FULL);
    expect(exception.AppointmentType).toBe(AppointmentType.Exception);
    expect(exception.Subject).toBe('Weekly sync (moved)');
    expect(iso(exception.Start)).toBe('2026-03-10T14:00:00.000Z');
    expect(sim.model.item(masterId)?.calendar?.exceptions).toHaveLength(2);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation
  it('syncs a calendar folder: the master as Create, then as Update after an occurrence changes', async () => {
    const calendar = new FolderId(WellKnownFolderName.Calendar);
    const ids = new PropertySet(BasePropertySet.IdOnly);
    const first = await service.SyncFolderItems(
      calendar,
      ids,
      [],
      512,
      SyncFolderItemsScope.NormalItems,
      null as never,
    );
    expect(first.GetEnumerator().map((c) => c.ItemId.UniqueId)).toContain(masterId);
    const fourth = await Appointment.BindToOccurrence(service, new ItemId(masterId), 4);
    fourth.Location = 'Room 9';
    await fourth.Update(
      ConflictResolutionMode.AlwaysOverwrite,
      SendInvitationsOrCancellationsMode.SendToNone,
    );
    const next = await service.SyncFolderItems(
      calendar,
      ids,
      [],
      512,
      SyncFolderItemsScope.NormalItems,
      first.SyncState,
    );
    expect(next.GetEnumerator().map((c) => [c.ChangeType, c.ItemId.UniqueId])).toEqual([[1, masterId]]);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/getattachment-operation
  it('returns the bytes of a calendar item attachment through GetAttachment', async () => {
    const master = await Appointment.Bind(service, new ItemId(masterId), FULL);
    const id = master.Attachments.GetEnumerator()[0]?.Id ?? '';
    const [response] = (await service.GetAttachments([id], null as never, [])).GetEnumerator();
    const attachment = response?.Attachment as FileAttachment;
    expect(Buffer.from(attachment.Base64Content, 'base64')).toEqual(fileBytes);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-work-with-calendar-folders-by-using-ews-in-exchange
  it('creates a second calendar folder of class IPF.Appointment', async () => {
    const folder = new CalendarFolder(service);
    folder.DisplayName = 'Team calendar';
    await folder.Save(WellKnownFolderName.Calendar);
    expect(sim.model.folder(folder.Id.UniqueId)?.folderClass).toBe('IPF.Appointment');
    expect(sim.model.folder(folder.Id.UniqueId)?.mailboxId).toBe(sim.model.mailbox(mailbox)?.id);
  });
});
