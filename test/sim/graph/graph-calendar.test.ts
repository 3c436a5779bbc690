import type { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFields } from '../model/index.ts';
import type { GraphKit } from './support/graph-test-kit.ts';
import { readRound, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00001@example.test';
const WINDOW = 'startDateTime=2025-12-01T00:00:00Z&endDateTime=2026-02-01T00:00:00Z';
const PAGE = { Prefer: 'odata.maxpagesize=5' };

type Event = {
  id: string;
  type?: string;
  subject?: string;
  seriesMasterId?: string | null;
  sensitivity?: string;
  start?: { dateTime: string; timeZone: string };
  '@removed'?: { reason: string };
};

function fields(start: string, end: string, extra: Partial<CalendarFields> = {}): CalendarFields {
  return {
    uid: `uid-${start}`,
    start,
    end,
    isAllDay: false,
    location: 'Room 1',
    organizer: { name: 'Organizer', address: USER },
    requiredAttendees: [],
    optionalAttendees: [],
    showAs: 'Busy',
    ...extra,
  };
}

describe('Graph simulator: calendars, events and calendarView delta', () => {
  let kit: GraphKit;
  let calendarId: string;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { calendarItemsPerMailbox: 40 } });
    calendarId = kit.sim.model.wellKnownFolder(USER, 'calendar')?.id ?? '';
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/api/user-list-calendars
  it('lists the default calendar', async () => {
    const calendars = (await kit.client.api(`/users/${USER}/calendars`).get()) as {
      value: { id: string; isDefaultCalendar: boolean }[];
    };
    expect(calendars.value).toEqual([expect.objectContaining({ id: calendarId, isDefaultCalendar: true })]);
  });

  // https://learn.microsoft.com/graph/api/calendar-list-calendarview (single instances and occurrences in the range)
  // https://learn.microsoft.com/graph/delta-query-events (same instances, paged, ending with a deltaLink)
  it('returns the calendar view in delta pages: single instances and occurrences with seriesMasterId', async () => {
    const round = await readRound(kit.client, `/users/${USER}/calendarView/delta?${WINDOW}`, PAGE);
    expect(round.pages).toBeGreaterThan(1);
    const events = round.value as Event[];
    expect(events.length).toBeGreaterThan(5);
    for (const event of events) {
      expect(['singleInstance', 'occurrence']).toContain(event.type);
      expect(event.sensitivity).toMatch(/^(normal|personal|private|confidential)$/);
      expect(event.start?.timeZone).toBe('UTC');
      // An occurrence names its series; a single event has none.
      expect(Boolean(event.seriesMasterId)).toBe(event.type === 'occurrence');
    }
    expect(events.some((e) => e.type === 'occurrence')).toBe(true);
    const plain = (await kit.client.api(`/users/${USER}/calendarView?${WINDOW}`).top(1000).get()) as {
      value: Event[];
    };
    expect(plain.value.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  // https://learn.microsoft.com/graph/delta-query-events (the next round returns only what changed in that view)
  // https://learn.microsoft.com/graph/api/event-delete
  it('reports created, updated and deleted events between rounds, within the fixed window', async () => {
    const model = kit.sim.model;
    const first = await readRound(kit.client, `/users/${USER}/calendarView/delta?${WINDOW}`, PAGE);
    const singles = (first.value as Event[]).filter((e) => e.type === 'singleInstance');
    const [toDelete, toUpdate] = singles;
    if (!toDelete || !toUpdate) throw new Error('not enough single events in the window');
    const inside = model.createItem(calendarId, {
      subject: 'Planning',
      calendar: fields('2026-01-15T10:00:00Z', '2026-01-15T11:00:00Z'),
    });
    model.createItem(calendarId, {
      subject: 'Far away',
      calendar: fields('2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'),
    });
    const series = model.createItem(calendarId, {
      subject: 'Weekly sync',
      calendar: fields('2026-01-05T09:00:00Z', '2026-01-05T09:30:00Z', {
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday' },
          range: { type: 'numbered', startDate: '2026-01-05', numberOfOccurrences: 3 },
        },
      }),
    });
    model.updateItem(toUpdate.id, { subject: 'Moved agenda' });
    await kit.client.api(`/users/${USER}/events/${toDelete.id}`).delete();

    const second = await readRound(kit.client, first.deltaLink, PAGE);
    const entries = second.value as Event[];
    expect(entries.find((e) => e.id === inside.id)).toMatchObject({
      subject: 'Planning',
      type: 'singleInstance',
    });
    expect(entries.find((e) => e.id === toUpdate.id)).toMatchObject({ subject: 'Moved agenda' });
    expect(entries.find((e) => e.id === toDelete.id)).toEqual({
      '@odata.type': '#microsoft.graph.event',
      id: toDelete.id,
      '@removed': { reason: 'deleted' },
    });
    const occurrences = entries.filter((e) => e.seriesMasterId === series.id);
    expect(occurrences.map((e) => e.start?.dateTime)).toEqual([
      '2026-01-05T09:00:00.0000000',
      '2026-01-12T09:00:00.0000000',
      '2026-01-19T09:00:00.0000000',
    ]);
    expect(entries).toHaveLength(6);

    model.deleteItem(series.id, 'hard');
    const third = await readRound(kit.client, second.deltaLink, PAGE);
    expect((third.value as Event[]).map((e) => e['@removed']?.reason)).toEqual([
      'deleted',
      'deleted',
      'deleted',
    ]);
  });

  // https://learn.microsoft.com/graph/api/event-list-attachments ; https://learn.microsoft.com/graph/api/attachment-delete
  it('lists and deletes event attachments', async () => {
    const event = kit.sim.model.createItem(calendarId, {
      subject: 'With agenda',
      calendar: fields('2026-01-20T10:00:00Z', '2026-01-20T11:00:00Z'),
      attachments: [{ name: 'agenda.docx', content: Buffer.from('agenda') }],
    });
    const list = (await kit.client.api(`/users/${USER}/events/${event.id}/attachments`).get()) as {
      value: { id: string; name: string }[];
    };
    expect(list.value.map((a) => a.name)).toEqual(['agenda.docx']);
    await kit.client.api(`/users/${USER}/events/${event.id}/attachments/${list.value[0]?.id ?? ''}`).delete();
    expect(kit.sim.model.item(event.id)?.attachments).toEqual([]);
  });

  // https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset ; #token-duration
  it('answers syncStateNotFound once the delta state is gone from the token cache', async () => {
    const round = await readRound(kit.client, `/users/${USER}/calendarView/delta?${WINDOW}`, {
      Prefer: 'odata.maxpagesize=100',
    });
    kit.graph.endpoint.services.cursors.clear();
    const error = (await kit.client
      .api(round.deltaLink)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(410);
    expect(error.code).toBe('syncStateNotFound');
    const missing = (await kit.client
      .api(`/users/${USER}/calendarView/delta`)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(missing.statusCode).toBe(400);
  });
});
