import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { readRound, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00002@example.test';
const WINDOW = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z';
const SENSITIVITY = 'Integer 0x36';

type Message = {
  id: string;
  changeKey: string;
  internetMessageId: string | null;
  isDraft: boolean;
  subject: string;
  parentFolderId: string;
  '@removed'?: unknown;
};
type Event = {
  id: string;
  type: string;
  subject: string;
  seriesMasterId: string | null;
  sensitivity: string;
  start: { dateTime: string; timeZone: string };
  recurrence: { pattern: { type: string }; range: { numberOfOccurrences: number } } | null;
  organizer: { emailAddress: { address: string } };
};

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe('Graph simulator: creating messages, events and calendars', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { calendarItemsPerMailbox: 5 } });
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/api/user-post-messages (a draft in Drafts, 201 Created)
  // https://learn.microsoft.com/graph/delta-query-messages (the next round reports it)
  it('creates a draft in Drafts that the Drafts delta then reports', async () => {
    const delta = `/users/${USER}/mailFolders/drafts/messages/delta`;
    const first = await readRound(kit.client, delta);
    const created = (await kit.client.api(`/users/${USER}/messages`).post({
      subject: 'Draft plan',
      body: { contentType: 'text', content: 'to be continued' },
      toRecipients: [{ emailAddress: { address: 'user00001@example.test', name: 'One' } }],
      from: { emailAddress: { address: USER, name: 'Two' } },
    })) as Message & { from: { emailAddress: { address: string } } };
    expect(created.from.emailAddress.address).toBe(USER);
    expect(created.isDraft).toBe(true);
    expect(created.id).toBeTruthy();
    expect(created.changeKey).toBeTruthy();
    expect(created.internetMessageId).toMatch(/^<[^@]+@example\.test>$/);
    expect(created.parentFolderId).toBe(kit.sim.model.wellKnownFolder(USER, 'drafts')?.id);
    const read = (await kit.client.api(`/users/${USER}/messages/${created.id}`).get()) as Message;
    expect(read).toMatchObject({ subject: 'Draft plan', changeKey: created.changeKey });
    const second = await readRound(kit.client, first.deltaLink);
    expect(second.value).toEqual([expect.objectContaining({ id: created.id, subject: 'Draft plan' })]);
  });

  // https://learn.microsoft.com/graph/api/mailfolder-post-messages (in the given folder, extended properties set)
  it('creates a message in a given folder with extended properties', async () => {
    const delta = `/users/${USER}/mailFolders/inbox/messages/delta`;
    const first = await readRound(kit.client, delta, { Prefer: 'odata.maxpagesize=100' });
    const created = (await kit.client.api(`/users/${USER}/mailFolders/inbox/messages`).post({
      subject: 'Filed copy',
      singleValueExtendedProperties: [{ id: SENSITIVITY, value: '2' }],
    })) as Message;
    expect(created.parentFolderId).toBe(kit.sim.model.wellKnownFolder(USER, 'inbox')?.id);
    expect(kit.sim.model.item(created.id)?.sensitivity).toBe('Private');
    const second = await readRound(kit.client, first.deltaLink);
    expect(second.value.map((m) => m['id'])).toEqual([created.id]);
  });

  // https://learn.microsoft.com/graph/api/user-post-messages (a property a message does not have is refused)
  it('refuses unknown properties and read-only ones', async () => {
    const unknown = await failure(kit.client.api(`/users/${USER}/messages`).post({ colour: 'blue' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe('RequestBodyRead');
    const readOnly = await failure(kit.client.api(`/users/${USER}/messages`).post({ changeKey: 'x' }));
    expect(readOnly.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/api/user-post-events (single event and recurring series, 201)
  // https://learn.microsoft.com/graph/delta-query-events (the next calendarView delta round shows them)
  it('creates a single event and a recurring series that the calendarView delta then reports', async () => {
    const first = await readRound(kit.client, `/users/${USER}/calendarView/delta?${WINDOW}`);
    const single = (await kit.client.api(`/users/${USER}/events`).post({
      subject: 'Review',
      sensitivity: 'private',
      start: { dateTime: '2026-03-10T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-10T11:00:00', timeZone: 'UTC' },
      location: { displayName: 'Room 4' },
      attendees: [{ type: 'required', emailAddress: { address: 'user00001@example.test', name: 'One' } }],
    })) as Event;
    expect(single).toMatchObject({ type: 'singleInstance', subject: 'Review', sensitivity: 'private' });
    expect(single.organizer.emailAddress.address).toBe(USER);
    const series = (await kit.client.api(`/users/${USER}/calendar/events`).post({
      subject: 'Standup',
      start: { dateTime: '2026-03-02T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-02T09:15:00', timeZone: 'UTC' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'] },
        range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 4 },
      },
    })) as Event;
    expect(series.type).toBe('seriesMaster');
    expect(series.recurrence?.pattern.type).toBe('weekly');
    expect(series.recurrence?.range.numberOfOccurrences).toBe(4);

    const second = await readRound(kit.client, first.deltaLink);
    const entries = second.value as Event[];
    expect(entries.find((e) => e.id === single.id)).toMatchObject({ subject: 'Review' });
    const occurrences = entries.filter((e) => e.seriesMasterId === series.id);
    expect(occurrences.map((e) => e.start.dateTime)).toEqual([
      '2026-03-02T09:00:00.0000000',
      '2026-03-04T09:00:00.0000000',
      '2026-03-09T09:00:00.0000000',
      '2026-03-11T09:00:00.0000000',
    ]);
    expect(entries.length).toBe(5);
  });

  // https://learn.microsoft.com/graph/api/user-post-events (times must make sense; recurrence must be complete)
  it('refuses an event that ends before it starts, a pattern without days, or a zone it cannot convert', async () => {
    const events = kit.client.api(`/users/${USER}/events`);
    const backwards = await failure(
      events.post({
        start: { dateTime: '2026-03-10T11:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-10T10:00:00', timeZone: 'UTC' },
      }),
    );
    expect(backwards.statusCode).toBe(400);
    const noDays = await failure(
      kit.client.api(`/users/${USER}/events`).post({
        start: { dateTime: '2026-03-10T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-10T11:00:00', timeZone: 'UTC' },
        recurrence: {
          pattern: { type: 'weekly', interval: 1 },
          range: { type: 'noEnd', startDate: '2026-03-10' },
        },
      }),
    );
    expect(noDays.statusCode).toBe(400);
    const zone = await failure(
      kit.client.api(`/users/${USER}/events`).post({
        start: { dateTime: '2026-03-10T10:00:00', timeZone: 'Pacific Standard Time' },
        end: { dateTime: '2026-03-10T11:00:00', timeZone: 'Pacific Standard Time' },
      }),
    );
    expect(zone.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/api/user-post-calendars, https://learn.microsoft.com/graph/api/calendar-post-events
  it('creates a calendar, events in it, and refuses a duplicate name', async () => {
    const calendar = (await kit.client.api(`/users/${USER}/calendars`).post({ name: 'Projects' })) as {
      id: string;
      name: string;
      isDefaultCalendar: boolean;
    };
    expect(calendar).toMatchObject({ name: 'Projects', isDefaultCalendar: false });
    const list = (await kit.client.api(`/users/${USER}/calendars`).get()) as { value: { id: string }[] };
    expect(list.value.map((c) => c.id)).toContain(calendar.id);
    const event = (await kit.client.api(`/users/${USER}/calendars/${calendar.id}/events`).post({
      subject: 'Kick-off',
      start: { dateTime: '2026-03-20T10:00:00Z', timeZone: 'UTC' },
      end: { dateTime: '2026-03-20T11:00:00Z', timeZone: 'UTC' },
    })) as Event;
    const inCalendar = (await kit.client.api(`/users/${USER}/calendars/${calendar.id}/events`).get()) as {
      value: Event[];
    };
    expect(inCalendar.value.map((e) => e.id)).toEqual([event.id]);
    const duplicate = await failure(kit.client.api(`/users/${USER}/calendars`).post({ name: 'projects' }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.code).toBe('ErrorFolderExists');
  });
});
