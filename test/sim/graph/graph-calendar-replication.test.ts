import { ResponseType } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00001@example.test';
const WINDOW = { startDateTime: '2026-02-01T00:00:00Z', endDateTime: '2026-04-01T00:00:00Z' };

type Event = { id: string; type?: string; subject?: string; originalStart?: string; seriesMasterId?: string };

/** What calendar replication reads over Graph: calendars, a calendar's events with $select, series instances, attachments. */
describe('Graph simulator: what calendar replication reads', () => {
  let kit: GraphKit;
  let masterId = '';
  const file = Buffer.from('minutes of the weekly sync\n');
  beforeAll(async () => {
    kit = await startGraphKit({ population: { calendarItemsPerMailbox: 0 } });
    const created = (await kit.client.api(`/users/${USER}/events`).post({
      subject: 'Weekly sync',
      start: { dateTime: '2026-03-03T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-03T10:30:00', timeZone: 'UTC' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'] },
        range: { type: 'numbered', startDate: '2026-03-03', numberOfOccurrences: 3 },
      },
    })) as Event;
    masterId = created.id;
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/api/user-post-calendars ; https://learn.microsoft.com/graph/api/user-list-calendars
  it('creates a second calendar and lists it next to the default one', async () => {
    const created = (await kit.client.api(`/users/${USER}/calendars`).post({ name: 'Projects' })) as {
      id: string;
    };
    const list = (await kit.client
      .api(`/users/${USER}/calendars`)
      .select(['name', 'isDefaultCalendar'])
      .get()) as { value: { id: string; name: string; isDefaultCalendar: boolean }[] };
    expect(list.value.filter((c) => c.isDefaultCalendar).map((c) => c.name)).toEqual(['Calendar']);
    expect(list.value.find((c) => c.id === created.id)).toMatchObject({
      name: 'Projects',
      isDefaultCalendar: false,
    });
  });

  // https://learn.microsoft.com/graph/api/calendar-list-events (series masters, not occurrences; $select)
  it('lists a calendar’s series masters with only the selected properties', async () => {
    const calendarId = kit.sim.model.wellKnownFolder(USER, 'calendar')?.id ?? '';
    const page = (await kit.client
      .api(`/users/${USER}/calendars/${calendarId}/events`)
      .select(['subject', 'type'])
      .get()) as { value: Record<string, unknown>[] };
    expect(
      page.value.map((e) =>
        Object.keys(e)
          .filter((k) => !k.startsWith('@'))
          .sort(),
      ),
    ).toEqual([['id', 'subject', 'type']]);
    expect(page.value[0]).toMatchObject({ id: masterId, type: 'seriesMaster' });
  });

  // https://learn.microsoft.com/graph/api/event-list-instances ; https://learn.microsoft.com/graph/api/event-update
  it('lists an exception among the instances with its original start, and leaves a cancelled one out', async () => {
    const instances = async () =>
      (
        (await kit.client.api(`/users/${USER}/events/${masterId}/instances`).query(WINDOW).get()) as {
          value: Event[];
        }
      ).value;
    const [, second, third] = await instances();
    await kit.client.api(`/users/${USER}/events/${second!.id}`).patch({ subject: 'Moved sync' });
    await kit.client.api(`/users/${USER}/events/${third!.id}`).delete();
    const after = await instances();
    expect(after.map((i) => [i.type, i.subject, i.originalStart, i.seriesMasterId])).toEqual([
      ['occurrence', 'Weekly sync', '2026-03-03T10:00:00Z', masterId],
      ['exception', 'Moved sync', '2026-03-10T10:00:00Z', masterId],
    ]);
  });

  // https://learn.microsoft.com/graph/api/event-post-attachments ; https://learn.microsoft.com/graph/api/attachment-get
  // ("Get the raw contents of a file attachment": $value)
  it('adds a file to an event, lists it and serves its bytes, also through an exception of the series', async () => {
    await kit.client.api(`/users/${USER}/events/${masterId}/attachments`).post({
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: 'minutes.txt',
      contentType: 'text/plain',
      contentBytes: file.toString('base64'),
    });
    const [exception] = (
      (await kit.client.api(`/users/${USER}/events/${masterId}/instances`).query(WINDOW).get()) as {
        value: Event[];
      }
    ).value.filter((i) => i.type === 'exception');
    for (const id of [masterId, exception!.id]) {
      const list = (await kit.client
        .api(`/users/${USER}/events/${id}/attachments`)
        .select(['name', 'contentType', 'size', 'isInline'])
        .get()) as { value: { id: string; name: string; size: number; isInline: boolean }[] };
      expect(list.value.map(({ name, size, isInline }) => ({ name, size, isInline }))).toEqual([
        { name: 'minutes.txt', size: file.length, isInline: false },
      ]);
      const bytes = (await kit.client
        .api(`/users/${USER}/events/${id}/attachments/${list.value[0]!.id}/$value`)
        .responseType(ResponseType.ARRAYBUFFER)
        .get()) as ArrayBuffer;
      expect(Buffer.from(bytes)).toEqual(file);
    }
  });
});
