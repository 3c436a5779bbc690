import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { readRound, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00003@example.test';
const WINDOW = 'startDateTime=2025-12-01T00:00:00Z&endDateTime=2026-02-01T00:00:00Z';

type Message = { id: string; subject: string; receivedDateTime: string; importance: string };
type Event = { id: string; subject: string; start: { dateTime: string } };

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

function isSorted<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  return list.every((entry, i) => i === 0 || compare(list[i - 1] as T, entry) <= 0);
}

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' });

describe('Graph simulator: $orderby on message and event lists', () => {
  let kit: GraphKit;
  let inboxId: string;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { calendarItemsPerMailbox: 30 } });
    inboxId = kit.sim.model.wellKnownFolder(USER, 'inbox')?.id ?? '';
    // Out of the generated order: an old message created last, a new one with a low-sorting subject.
    kit.sim.model.createItem(inboxId, { subject: 'zz oldest', receivedAt: '2000-01-01T00:00:00Z' });
    kit.sim.model.createItem(inboxId, { subject: 'AA newest', receivedAt: '2099-01-01T00:00:00Z' });
  });
  afterAll(async () => {
    await kit.close();
  });
  const inbox = `/users/${USER}/mailFolders/inbox/messages`;

  // https://learn.microsoft.com/graph/api/mailfolder-list-messages (supports $orderby)
  // https://learn.microsoft.com/graph/query-parameters#orderby-parameter (asc default, desc)
  it('sorts by receivedDateTime ascending and descending', async () => {
    const asc = (await kit.client.api(inbox).orderby('receivedDateTime').top(1000).get()) as {
      value: Message[];
    };
    const desc = (await kit.client.api(inbox).orderby('receivedDateTime desc').top(1000).get()) as {
      value: Message[];
    };
    expect(asc.value.length).toBe(27);
    expect(asc.value[0]?.subject).toBe('zz oldest');
    expect(desc.value[0]?.subject).toBe('AA newest');
    expect(isSorted(asc.value, (a, b) => byText(a.receivedDateTime, b.receivedDateTime))).toBe(true);
    expect(desc.value.map((m) => m.id)).toEqual(asc.value.map((m) => m.id).reverse());
  });

  // https://learn.microsoft.com/graph/query-parameters#orderby-parameter (several properties, each asc or desc)
  it('sorts by several keys and keeps the order across nextLink pages', async () => {
    const first = (await kit.client
      .api(inbox)
      .orderby('importance desc,subject asc')
      .select('subject,importance')
      .top(7)
      .get()) as { value: Message[]; '@odata.nextLink'?: string };
    const all = [...first.value];
    let next = first['@odata.nextLink'];
    expect(next).toContain('orderby');
    while (next) {
      const page = (await kit.client.api(next).get()) as { value: Message[]; '@odata.nextLink'?: string };
      all.push(...page.value);
      next = page['@odata.nextLink'];
    }
    expect(all.length).toBe(27);
    const rank: Record<string, number> = { high: 0, normal: 1, low: 2 };
    const compare = (a: Message, b: Message) =>
      (rank[a.importance] ?? 9) - (rank[b.importance] ?? 9) || byText(a.subject, b.subject);
    expect(isSorted(all, compare)).toBe(true);
    expect(new Set(all.map((m) => m.importance)).size).toBeGreaterThan(1);
  });

  // https://learn.microsoft.com/graph/errors (400 for a query option the resource cannot honour)
  it('answers 400 for a property that does not exist or cannot be sorted, instead of ignoring it', async () => {
    const unknown = await failure(kit.client.api(inbox).orderby('shoeSize').get());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe('RequestBroker--ParseUri');
    const body = await failure(kit.client.api(inbox).orderby('body').get());
    expect(body.statusCode).toBe(400);
    expect(body.code).toBe('ErrorInvalidUrlQuery');
    const direction = await failure(kit.client.api(inbox).orderby('subject sideways').get());
    expect(direction.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/api/user-list-messages#using-filter-and-orderby-in-the-same-query
  it('refuses $filter with $orderby unless the sorted properties lead the filter (InefficientFilter)', async () => {
    const bad = await failure(
      kit.client.api(inbox).filter("subject eq 'AA newest'").orderby('receivedDateTime desc').get(),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.code).toBe('InefficientFilter');
    const good = (await kit.client
      .api(inbox)
      .filter("receivedDateTime ge 1990-01-01T00:00:00Z and subject eq 'zz oldest'")
      .orderby('receivedDateTime desc')
      .get()) as { value: Message[] };
    expect(good.value.map((m) => m.subject)).toEqual(['zz oldest']);
  });

  // https://learn.microsoft.com/graph/api/user-list-messages (all folders; $orderby applies across them)
  it('sorts the mailbox-wide message list', async () => {
    const list = (await kit.client
      .api(`/users/${USER}/messages`)
      .orderby('receivedDateTime')
      .top(3)
      .get()) as { value: Message[] };
    expect(list.value[0]?.subject).toBe('zz oldest');
  });

  // https://learn.microsoft.com/graph/api/user-list-events, https://learn.microsoft.com/graph/api/calendar-list-calendarview
  it('sorts events and calendar views by start/dateTime', async () => {
    const events = (await kit.client
      .api(`/users/${USER}/events`)
      .orderby('start/dateTime desc')
      .top(1000)
      .get()) as { value: Event[] };
    expect(events.value.length).toBe(30);
    expect(isSorted(events.value, (a, b) => byText(b.start.dateTime, a.start.dateTime))).toBe(true);
    const view = (await kit.client
      .api(`/users/${USER}/calendarView?${WINDOW}`)
      .orderby('start/dateTime')
      .top(1000)
      .get()) as { value: Event[] };
    expect(view.value.length).toBeGreaterThan(2);
    expect(isSorted(view.value, (a, b) => byText(a.start.dateTime, b.start.dateTime))).toBe(true);
    const wrong = await failure(kit.client.api(`/users/${USER}/events`).orderby('attendees').get());
    expect(wrong.code).toBe('ErrorInvalidUrlQuery');
  });

  // https://learn.microsoft.com/graph/delta-query-messages#use-query-parameters-in-a-delta-query-for-messages
  // ("the only supported $orderby expression is $orderby=receivedDateTime+desc")
  it('message delta accepts only receivedDateTime desc', async () => {
    const delta = `${inbox}/delta`;
    const refused = await failure(kit.client.api(delta).orderby('subject').get());
    expect(refused.statusCode).toBe(400);
    const ascending = await failure(kit.client.api(delta).orderby('receivedDateTime').get());
    expect(ascending.statusCode).toBe(400);
    const round = await readRound(
      kit.client,
      `${delta}?$orderby=receivedDateTime desc&$select=receivedDateTime`,
      {
        Prefer: 'odata.maxpagesize=100',
      },
    );
    const received = (round.value as Message[]).map((m) => m.receivedDateTime);
    expect(received.length).toBe(27);
    expect(received).toEqual([...received].sort().reverse());
  });

  // https://learn.microsoft.com/graph/api/event-delta#query-parameters ($orderby is not supported)
  it('calendarView delta refuses $orderby', async () => {
    const refused = await failure(
      kit.client.api(`/users/${USER}/calendarView/delta?${WINDOW}`).orderby('start/dateTime').get(),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.code).toBe('ErrorInvalidUrlQuery');
  });
});
