import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { readRound, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00001@example.test';
const WINDOW = 'startDateTime=2026-05-01T00:00:00Z&endDateTime=2026-06-01T00:00:00Z';

type Event = {
  id: string;
  type: string;
  subject: string;
  sensitivity: string;
  seriesMasterId: string | null;
  originalStart?: string;
  start: { dateTime: string };
  end: { dateTime: string };
  body: { content: string };
  '@removed'?: { reason: string };
};

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

const utc = (dateTime: string) => ({ dateTime, timeZone: 'UTC' });

describe('Graph simulator: updating and deleting events, occurrences and exceptions', () => {
  let kit: GraphKit;
  let series: Event;
  let single: Event;
  let deltaLink: string;
  const events = `/users/${USER}/events`;
  const instancesOf = async (id: string) =>
    ((await kit.client.api(`${events}/${id}/instances?${WINDOW}`).get()) as { value: Event[] }).value;
  const nextRound = async () => {
    const round = await readRound(kit.client, deltaLink);
    deltaLink = round.deltaLink;
    return round.value as Event[];
  };

  beforeAll(async () => {
    kit = await startGraphKit({ population: { calendarItemsPerMailbox: 0 } });
    series = (await kit.client.api(events).post({
      subject: 'Daily check',
      start: utc('2026-05-04T08:00:00'),
      end: utc('2026-05-04T08:30:00'),
      recurrence: {
        pattern: { type: 'daily', interval: 1 },
        range: { type: 'numbered', startDate: '2026-05-04', numberOfOccurrences: 5 },
      },
    })) as Event;
    single = (await kit.client.api(events).post({
      subject: 'One-off',
      start: utc('2026-05-20T14:00:00'),
      end: utc('2026-05-20T15:00:00'),
    })) as Event;
    deltaLink = (await readRound(kit.client, `/users/${USER}/calendarView/delta?${WINDOW}`)).deltaLink;
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/api/event-list-instances (occurrences of a series in a range)
  it('lists the instances of a series in a time range, and needs the range', async () => {
    const instances = await instancesOf(series.id);
    expect(instances.map((e) => e.start.dateTime.slice(0, 16))).toEqual([
      '2026-05-04T08:00',
      '2026-05-05T08:00',
      '2026-05-06T08:00',
      '2026-05-07T08:00',
      '2026-05-08T08:00',
    ]);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        type: 'occurrence',
        seriesMasterId: series.id,
        subject: 'Daily check',
      });
    }
    const narrow = (await kit.client
      .api(
        `${events}/${series.id}/instances?startDateTime=2026-05-05T00:00:00Z&endDateTime=2026-05-07T00:00:00Z`,
      )
      .get()) as { value: Event[] };
    expect(narrow.value).toHaveLength(2);
    const missing = await failure(kit.client.api(`${events}/${series.id}/instances`).get());
    expect(missing.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/api/event-update (series master: every occurrence shows the change)
  // https://learn.microsoft.com/graph/delta-query-events (the next round reports what changed)
  it('updates a series master: occurrences follow, and delta reports them', async () => {
    const updated = (await kit.client
      .api(`${events}/${series.id}`)
      .patch({ subject: 'Daily stand-up', sensitivity: 'private' })) as Event;
    expect(updated).toMatchObject({
      type: 'seriesMaster',
      subject: 'Daily stand-up',
      sensitivity: 'private',
    });
    const instances = await instancesOf(series.id);
    expect(new Set(instances.map((e) => e.subject))).toEqual(new Set(['Daily stand-up']));
    const changed = await nextRound();
    expect(changed).toHaveLength(5);
    expect(changed.every((e) => e.seriesMasterId === series.id && e.subject === 'Daily stand-up')).toBe(true);
  });

  // https://learn.microsoft.com/graph/api/event-update (an occurrence becomes an exception, same id)
  it('updates one occurrence into an exception that only it reflects', async () => {
    const [, , third] = await instancesOf(series.id);
    if (!third) throw new Error('no third occurrence');
    const updated = (await kit.client.api(`${events}/${third.id}`).patch({
      subject: 'Moved check',
      start: utc('2026-05-06T10:00:00'),
      end: utc('2026-05-06T10:45:00'),
      body: { contentType: 'text', content: 'later today' },
    })) as Event;
    expect(updated).toMatchObject({ id: third.id, type: 'exception', subject: 'Moved check' });
    expect(updated.start.dateTime).toBe('2026-05-06T10:00:00.0000000');
    expect(updated.originalStart).toBe('2026-05-06T08:00:00Z');
    const again = (await kit.client.api(`${events}/${third.id}`).get()) as Event;
    expect(again).toMatchObject({
      type: 'exception',
      subject: 'Moved check',
      body: { content: 'later today' },
    });
    const instances = await instancesOf(series.id);
    expect(instances.map((e) => e.type)).toEqual([
      'occurrence',
      'occurrence',
      'exception',
      'occurrence',
      'occurrence',
    ]);
    expect(instances.filter((e) => e.subject === 'Daily stand-up')).toHaveLength(4);
    const changed = await nextRound();
    expect(changed.map((e) => e.id)).toEqual([third.id]);
    expect(changed[0]).toMatchObject({ type: 'exception', subject: 'Moved check' });
  });

  // https://learn.microsoft.com/graph/api/event-delete (an occurrence: only that one is cancelled)
  it('deletes one occurrence: it disappears from the series and delta reports it removed', async () => {
    const [, , , fourth] = await instancesOf(series.id);
    if (!fourth) throw new Error('no fourth occurrence');
    await kit.client.api(`${events}/${fourth.id}`).delete();
    const instances = await instancesOf(series.id);
    expect(instances.map((e) => e.id)).not.toContain(fourth.id);
    expect(instances).toHaveLength(4);
    const gone = await failure(kit.client.api(`${events}/${fourth.id}`).get());
    expect(gone.statusCode).toBe(404);
    const changed = await nextRound();
    expect(changed).toEqual([expect.objectContaining({ id: fourth.id, '@removed': { reason: 'deleted' } })]);
  });

  // https://learn.microsoft.com/graph/api/event-update (single event: start/end, body, sensitivity)
  it('updates a single event and delta reports the new times', async () => {
    const updated = (await kit.client.api(`${events}/${single.id}`).patch({
      start: utc('2026-05-21T09:00:00'),
      end: utc('2026-05-21T09:30:00'),
      body: { contentType: 'html', content: '<p>new agenda</p>' },
      sensitivity: 'confidential',
    })) as Event;
    expect(updated).toMatchObject({
      type: 'singleInstance',
      sensitivity: 'confidential',
      subject: 'One-off',
    });
    const changed = await nextRound();
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ id: single.id, start: { dateTime: '2026-05-21T09:00:00.0000000' } });
    const backwards = await failure(
      kit.client.api(`${events}/${single.id}`).patch({ end: utc('2026-05-20T09:00:00') }),
    );
    expect(backwards.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/api/event-update (moving a whole series drops its exceptions)
  it('moving the series start drops its exceptions and cancellations for good', async () => {
    const other = (await kit.client.api(events).post({
      subject: 'Weekly',
      start: utc('2026-05-11T12:00:00'),
      end: utc('2026-05-11T12:30:00'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'numbered', startDate: '2026-05-11', numberOfOccurrences: 3 },
      },
    })) as Event;
    const [first, second] = await instancesOf(other.id);
    if (!first || !second) throw new Error('no occurrences');
    await kit.client.api(`${events}/${first.id}`).patch({ subject: 'Special' });
    await kit.client.api(`${events}/${second.id}`).delete();
    expect((await instancesOf(other.id)).map((e) => e.type)).toEqual(['exception', 'occurrence']);
    await kit.client
      .api(`${events}/${other.id}`)
      .patch({ start: utc('2026-05-11T13:00:00'), end: utc('2026-05-11T13:30:00') });
    const moved = await instancesOf(other.id);
    expect(moved.map((e) => [e.type, e.subject, e.start.dateTime.slice(11, 16)])).toEqual([
      ['occurrence', 'Weekly', '13:00'],
      ['occurrence', 'Weekly', '13:00'],
      ['occurrence', 'Weekly', '13:00'],
    ]);
    // Back to the old time: the dropped exception and cancellation must not come back.
    await kit.client
      .api(`${events}/${other.id}`)
      .patch({ start: utc('2026-05-11T12:00:00'), end: utc('2026-05-11T12:30:00') });
    const back = await instancesOf(other.id);
    expect(back.map((e) => [e.type, e.subject])).toEqual([
      ['occurrence', 'Weekly'],
      ['occurrence', 'Weekly'],
      ['occurrence', 'Weekly'],
    ]);
    await kit.client.api(`${events}/${other.id}`).delete();
    await nextRound();
  });

  // https://learn.microsoft.com/graph/api/event-delete (single event and whole series)
  it('deletes a single event and a whole series: delta reports every instance removed', async () => {
    await kit.client.api(`${events}/${single.id}`).delete();
    await kit.client.api(`${events}/${series.id}`).delete();
    const changed = await nextRound();
    expect(changed.every((e) => e['@removed']?.reason === 'deleted')).toBe(true);
    expect(changed).toHaveLength(5); // the single event, three occurrences and the exception
    const gone = await failure(kit.client.api(`${events}/${series.id}`).get());
    expect(gone.statusCode).toBe(404);
  });
});
