import type { ExchangeService } from 'ews-javascript-api';
import {
  Appointment,
  AppointmentType,
  CalendarView,
  DateTime,
  ItemId,
  ServiceError,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFields } from '../model/calendar.ts';
import type { Simulator } from '../simulator.ts';
import { find, rawSoap, rejection } from './ews-test-client.ts';
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
      seed: 'cv',
    },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

const utc = (text: string): DateTime => new DateTime(Date.parse(text));
const iso = (d: DateTime): string => new Date(d.TotalMilliSeconds).toISOString().replace('.000Z', 'Z');

let masterId = '';
let singleId = '';
let reviewId = '';

/** A weekly series on Mondays and Wednesdays, 09:00–10:00 UTC, six occurrences from Monday 2 March 2026. */
beforeAll(() => {
  const calendar = sim.model.wellKnownFolder(mailbox, 'calendar')?.id ?? '';
  const base: CalendarFields = {
    uid: 'CV-SERIES',
    start: '2026-03-02T09:00:00Z',
    end: '2026-03-02T10:00:00Z',
    isAllDay: false,
    location: 'Room 1',
    organizer: { name: 'Owner', address: mailbox },
    requiredAttendees: [],
    optionalAttendees: [],
    showAs: 'Busy',
    recurrence: {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'sunday' },
      range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 6 },
    },
  };
  masterId = sim.model.createItem(calendar, { kind: 'calendar', subject: 'Stand-up', calendar: base }).id;
  const { recurrence: _none, ...single } = base;
  reviewId = sim.model.createItem(calendar, {
    kind: 'calendar',
    subject: 'Review',
    calendar: {
      ...base,
      uid: 'CV-REVIEW',
      start: '2026-04-06T09:00:00Z',
      end: '2026-04-06T10:00:00Z',
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday' },
        range: { type: 'numbered', startDate: '2026-04-06', numberOfOccurrences: 4 },
      },
      // Graph (or Outlook) cancelled the second occurrence and moved the third to Tuesday 11:00.
      exceptions: [
        { originalStart: '2026-04-13T09:00:00Z', deleted: true, lastModifiedAt: '2026-03-01T00:00:00Z' },
        {
          originalStart: '2026-04-20T09:00:00Z',
          start: '2026-04-21T11:00:00Z',
          end: '2026-04-21T12:00:00Z',
          subject: 'Moved review',
          lastModifiedAt: '2026-03-01T00:00:00Z',
        },
      ],
    },
  }).id;
  singleId = sim.model.createItem(calendar, {
    kind: 'calendar',
    subject: 'One-off',
    calendar: { ...single, uid: 'CV-SINGLE', start: '2026-03-05T14:00:00Z', end: '2026-03-05T15:00:00Z' },
  }).id;
});

describe('CalendarView', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendarview
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-get-appointments-and-meetings-by-using-ews-in-exchange
  it('expands recurring masters into occurrences with their own ids, next to single items', async () => {
    const view = new CalendarView(utc('2026-03-01T00:00:00Z'), utc('2026-03-15T00:00:00Z'));
    const result = await service.FindAppointments(WellKnownFolderName.Calendar, view);
    const rows = result.Items.map((a) => [a.Subject, iso(a.Start), a.AppointmentType]);
    expect(rows).toEqual([
      ['Stand-up', '2026-03-02T09:00:00Z', AppointmentType.Occurrence],
      ['Stand-up', '2026-03-04T09:00:00Z', AppointmentType.Occurrence],
      ['One-off', '2026-03-05T14:00:00Z', AppointmentType.Single],
      ['Stand-up', '2026-03-09T09:00:00Z', AppointmentType.Occurrence],
      ['Stand-up', '2026-03-11T09:00:00Z', AppointmentType.Occurrence],
    ]);
    const ids = result.Items.map((a) => a.Id.UniqueId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(masterId);
    expect(ids).toContain(singleId);
    expect(result.Items.filter((a) => a.IsRecurring)).toHaveLength(4);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendarview (MaxEntriesReturned)
  it('returns at most MaxEntriesReturned entries and says the range goes on', async () => {
    const view = new CalendarView(utc('2026-03-01T00:00:00Z'), utc('2026-04-01T00:00:00Z'), 3);
    const result = await service.FindAppointments(WellKnownFolderName.Calendar, view);
    expect(result.Items.map((a) => iso(a.Start))).toEqual([
      '2026-03-02T09:00:00Z',
      '2026-03-04T09:00:00Z',
      '2026-03-05T14:00:00Z',
    ]);
    expect(result.MoreAvailable).toBe(true);
    const all = await service.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(utc('2026-03-01T00:00:00Z'), utc('2026-04-01T00:00:00Z')),
    );
    // Six occurrences (the series is numbered) and the single item.
    expect(all.Items).toHaveLength(7);
    expect(all.MoreAvailable).toBe(false);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendarview
  // ("All calendar items that have a start time that is on or after EndDate will not be returned")
  it('leaves out entries starting at EndDate and refuses an EndDate before StartDate', async () => {
    const view = new CalendarView(utc('2026-03-02T10:30:00Z'), utc('2026-03-04T09:00:00Z'));
    const result = await service.FindAppointments(WellKnownFolderName.Calendar, view);
    expect(result.Items).toHaveLength(0);
    const response = await rawSoap(
      sim,
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:CalendarView StartDate="2026-03-10T00:00:00Z" EndDate="2026-03-01T00:00:00Z"/>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>',
      { mailbox },
    );
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorCalendarEndDateIsEarlierThanStartDate');
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/calendars-and-ews-in-exchange
  // (occurrences have their own item ids, which GetItem binds)
  it('binds an occurrence by the id the view gave', async () => {
    const view = new CalendarView(utc('2026-03-09T00:00:00Z'), utc('2026-03-10T00:00:00Z'));
    const [entry] = (await service.FindAppointments(WellKnownFolderName.Calendar, view)).Items;
    const occurrence = await Appointment.Bind(service, new ItemId(entry?.Id.UniqueId ?? ''));
    expect(occurrence.AppointmentType).toBe(AppointmentType.Occurrence);
    expect(iso(occurrence.Start)).toBe('2026-03-09T09:00:00Z');
    expect(iso(occurrence.End)).toBe('2026-03-09T10:00:00Z');
    expect(occurrence.Subject).toBe('Stand-up');
  });
});

describe('FirstOccurrence and LastOccurrence', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/firstoccurrence
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/lastoccurrence
  it('describes the first and last occurrence of a recurring master', async () => {
    const master = await Appointment.Bind(service, new ItemId(masterId));
    expect(master.AppointmentType).toBe(AppointmentType.RecurringMaster);
    expect(iso(master.FirstOccurrence.Start)).toBe('2026-03-02T09:00:00Z');
    expect(iso(master.FirstOccurrence.End)).toBe('2026-03-02T10:00:00Z');
    expect(iso(master.FirstOccurrence.OriginalStart)).toBe('2026-03-02T09:00:00Z');
    expect(iso(master.LastOccurrence.Start)).toBe('2026-03-18T09:00:00Z');
    const last = await Appointment.Bind(service, master.LastOccurrence.ItemId);
    expect(iso(last.Start)).toBe('2026-03-18T09:00:00Z');
    expect(last.AppointmentType).toBe(AppointmentType.Occurrence);

    const single = await Appointment.Bind(service, new ItemId(singleId));
    expect(single.FirstOccurrence).toBeFalsy();
    expect(single.LastOccurrence).toBeFalsy();
  });
});

describe('OccurrenceItemId and RecurringMasterItemId', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/occurrenceitemid
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/recurringmasteritemid
  it('binds an occurrence by its index and a master from an occurrence', async () => {
    const third = await Appointment.BindToOccurrence(service, new ItemId(masterId), 3);
    expect(third.AppointmentType).toBe(AppointmentType.Occurrence);
    expect(iso(third.Start)).toBe('2026-03-09T09:00:00Z');
    const master = await Appointment.BindToRecurringMaster(service, third.Id);
    expect(master.Id.UniqueId).toBe(masterId);
    expect(master.AppointmentType).toBe(AppointmentType.RecurringMaster);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode
  it('refuses an index beyond the series, a single item as master and a master as occurrence', async () => {
    const beyond = await rejection(Appointment.BindToOccurrence(service, new ItemId(masterId), 7));
    expect(beyond['ErrorCode']).toBe(ServiceError.ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange);
    const notMaster = await rejection(Appointment.BindToOccurrence(service, new ItemId(singleId), 1));
    expect(notMaster['ErrorCode']).toBe(ServiceError.ErrorCalendarCannotUseIdForRecurringMasterId);
    const notOccurrence = await rejection(Appointment.BindToRecurringMaster(service, new ItemId(masterId)));
    expect(notOccurrence['ErrorCode']).toBe(ServiceError.ErrorCalendarCannotUseIdForOccurrenceId);
  });
});

describe('Exceptions of a series', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/recurrence-patterns-and-ews
  // (exceptions: modified and deleted occurrences), https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendaritemtype
  it('leaves out cancelled occurrences and shows changed ones as exceptions', async () => {
    const view = new CalendarView(utc('2026-04-01T00:00:00Z'), utc('2026-05-01T00:00:00Z'));
    const result = await service.FindAppointments(WellKnownFolderName.Calendar, view);
    expect(result.Items.map((a) => [a.Subject, iso(a.Start), a.AppointmentType])).toEqual([
      ['Review', '2026-04-06T09:00:00Z', AppointmentType.Occurrence],
      ['Moved review', '2026-04-21T11:00:00Z', AppointmentType.Exception],
      ['Review', '2026-04-27T09:00:00Z', AppointmentType.Occurrence],
    ]);
    const moved = await Appointment.Bind(service, result.Items[1]?.Id ?? new ItemId(''));
    expect(moved.AppointmentType).toBe(AppointmentType.Exception);
    expect(iso(moved.End)).toBe('2026-04-21T12:00:00Z');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/occurrenceitemid
  it('counts cancelled occurrences in InstanceIndex and refuses to bind them', async () => {
    const cancelled = await rejection(Appointment.BindToOccurrence(service, new ItemId(reviewId), 2));
    expect(cancelled['ErrorCode']).toBe(ServiceError.ErrorCalendarOccurrenceIsDeletedFromRecurrence);
    const third = await Appointment.BindToOccurrence(service, new ItemId(reviewId), 3);
    expect(third.Subject).toBe('Moved review');
    const master = await Appointment.Bind(service, new ItemId(reviewId));
    expect(iso(master.LastOccurrence.Start)).toBe('2026-04-27T09:00:00Z');
    expect(iso(master.FirstOccurrence.Start)).toBe('2026-04-06T09:00:00Z');
  });
});
