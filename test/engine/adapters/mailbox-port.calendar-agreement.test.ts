import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsConnection } from '../../../engine/adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../../../engine/adapters/ews/ews-mailbox.ts';
import { connectGraph } from '../../../engine/adapters/graph/connect-graph.ts';
import { GraphMailbox } from '../../../engine/adapters/graph-mail/graph-mailbox.ts';
import type { CalendarItem, MailboxPort } from '../../../engine/ports/mailbox.ts';
import { mountGraph, type MountedGraph } from '../../sim/graph/start-graph.ts';
import type { Recurrence } from '../../sim/model/calendar.ts';
import { startSimulator, type Simulator } from '../../sim/simulator.ts';
import { buildCalendar, EXPECTED_PATTERN, syncCalendarToEnd } from './mailbox-port.calendar.contract.ts';
import { ewsCalendarWriter } from './support/ews-calendar-writer.ts';
import { graphCalendarWriter } from './support/graph-calendar-writer.ts';

let sim: Simulator;
let graph: MountedGraph;
let ews: MailboxPort;
let graphPort: MailboxPort;
const graphSettings = () => ({
  tenantId: graph.tenantId,
  clientId: graph.clientId,
  clientSecretEnv: 'UNUSED',
  authorityHost: graph.authorityHost,
  baseUrl: graph.baseUrl,
  caFile: graph.caPath,
});
const RETRY = { maxRetries: 5, delaySeconds: 3 };

beforeAll(async () => {
  // Generated calendar items (singles and series of every pattern) next to the ones written below.
  sim = await startSimulator({
    population: {
      mailboxes: 2,
      foldersPerMailbox: 2,
      itemsPerFolder: 1,
      calendarItemsPerMailbox: 25,
      seed: 9,
    },
  });
  graph = mountGraph(sim);
  ews = new EwsMailbox(
    new EwsConnection(
      {
        type: 'ews',
        url: sim.ewsUrl,
        auth: 'ntlm',
        username: sim.serviceAccount.username,
        passwordEnv: 'UNUSED',
        impersonation: true,
        version: 'Exchange2016',
      },
      sim.serviceAccount.password,
    ),
  );
  graphPort = GraphMailbox.over(connectGraph(graphSettings(), graph.clientSecret, RETRY));
});
afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await Promise.all([ews.close(), graphPort.close()]);
  graph.endpoint.close();
  await sim.close();
});

/**
 * A calendar without the protocol's ids: exceptions name their master by its UID, attachments by name.
 * The time zone's name differs by design (EWS: the Windows display name, Graph: the zone id).
 */
async function described(port: MailboxPort, address: string) {
  const [calendar] = await port.listCalendars(address);
  const { upserted } = await syncCalendarToEnd(port, address, calendar!.id, undefined);
  const uidOf = new Map(upserted.map((i) => [i.id, i.uid]));
  const bytes = new Map<string, string>();
  for (const item of upserted)
    for (const a of item.attachments) {
      const content = await port.getCalendarAttachment(address, item.id, a.id);
      bytes.set(`${item.subject}/${a.name}`, createHash('sha256').update(content).digest('hex'));
    }
  const items = upserted
    .map((i: CalendarItem) => {
      const { id: _id, calendarId: _c, seriesMasterId, timeZone: _tz, attachments, ...rest } = i;
      return {
        ...rest,
        ...(seriesMasterId ? { seriesMasterUid: uidOf.get(seriesMasterId) } : {}),
        attachments: attachments.map(({ id: _a, ...a }) => a),
      };
    })
    .sort((a, b) => `${a.start}${a.subject}${a.type}`.localeCompare(`${b.start}${b.subject}${b.type}`));
  return { name: calendar!.name, items, bytes: Object.fromEntries(bytes) };
}

describe('the EWS and the Graph adapter describe the same calendar the same way', () => {
  it('a calendar written through EWS, and one written through Graph', async () => {
    const viaEwsWriter = sim.model.mailboxAt(0)!.primarySmtp;
    const viaGraphWriter = sim.model.mailboxAt(1)!.primarySmtp;
    await buildCalendar(ewsCalendarWriter(sim), viaEwsWriter);
    await buildCalendar(
      graphCalendarWriter(connectGraph(graphSettings(), graph.clientSecret, RETRY).client),
      viaGraphWriter,
    );
    for (const address of [viaEwsWriter, viaGraphWriter]) {
      const [fromEws, fromGraph] = await Promise.all([
        described(ews, address),
        described(graphPort, address),
      ]);
      expect(fromGraph).toEqual(fromEws);
      // What was written is in it: the series with its pattern, its exception and its cancelled occurrence.
      const master = fromEws.items.find((i) => i.subject === 'Weekly sync')!;
      expect(master.recurrence).toEqual(EXPECTED_PATTERN);
      expect(master.deletedOccurrences).toHaveLength(1);
      expect(
        fromEws.items.filter((i) => i.type === 'exception' && i.seriesMasterUid === master.uid),
      ).toHaveLength(1);
      expect(Object.keys(fromEws.bytes)).toContain('Budget review/budget.xlsx');
      // The generated population is compared too: singles and series next to the written items.
      expect(fromEws.items.length).toBeGreaterThan(20);
    }
  });

  it('every pattern type, each with its second occurrence cancelled over EWS', async () => {
    const address = sim.model.mailboxAt(1)!.primarySmtp;
    const calendar = sim.model.wellKnownFolder(address, 'calendar')!;
    const series: [string, string, Recurrence][] = [
      [
        '2026-03-02T08:00:00Z',
        'daily',
        {
          pattern: { type: 'daily', interval: 2 },
          range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 5 },
        },
      ],
      [
        '2026-03-02T09:00:00Z',
        'weekly',
        {
          pattern: {
            type: 'weekly',
            interval: 1,
            daysOfWeek: ['monday', 'thursday'],
            firstDayOfWeek: 'monday',
          },
          range: { type: 'endDate', startDate: '2026-03-02', endDate: '2026-03-31' },
        },
      ],
      [
        '2026-03-15T10:00:00Z',
        'absoluteMonthly',
        {
          pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 },
          range: { type: 'numbered', startDate: '2026-03-15', numberOfOccurrences: 4 },
        },
      ],
      [
        '2026-03-11T11:00:00Z',
        'relativeMonthly',
        {
          pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['wednesday'], index: 'second' },
          range: { type: 'numbered', startDate: '2026-03-11', numberOfOccurrences: 4 },
        },
      ],
      [
        '2026-06-10T12:00:00Z',
        'absoluteYearly',
        {
          pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 10, month: 6 },
          range: { type: 'numbered', startDate: '2026-06-10', numberOfOccurrences: 3 },
        },
      ],
      [
        '2026-11-27T13:00:00Z',
        'relativeYearly',
        {
          pattern: { type: 'relativeYearly', interval: 1, daysOfWeek: ['friday'], index: 'last', month: 11 },
          range: { type: 'numbered', startDate: '2026-11-27', numberOfOccurrences: 3 },
        },
      ],
      [
        '2026-12-01T14:00:00Z',
        'noEnd',
        { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '2026-12-01' } },
      ],
    ];
    const writer = ewsCalendarWriter(sim);
    for (const [start, name, recurrence] of series) {
      const item = sim.model.createItem(calendar.id, {
        kind: 'calendar',
        subject: `Series ${name}`,
        calendar: {
          uid: `uid-${name}`,
          start,
          end: new Date(Date.parse(start) + 1_800_000).toISOString(),
          isAllDay: false,
          location: '',
          organizer: { name: 'Owner', address },
          requiredAttendees: [],
          optionalAttendees: [],
          showAs: 'Busy',
          recurrence,
        },
      });
      await writer.deleteOccurrence(address, item.id, { index: 2, originalStart: '' });
    }
    const [fromEws, fromGraph] = await Promise.all([described(ews, address), described(graphPort, address)]);
    expect(fromGraph).toEqual(fromEws);
    const written = fromEws.items.filter((i) => i.subject.startsWith('Series '));
    expect(written.map((i) => (i.recurrence as { pattern: { type: string } }).pattern.type).sort()).toEqual([
      'absoluteMonthly',
      'absoluteYearly',
      'daily',
      'daily',
      'relativeMonthly',
      'relativeYearly',
      'weekly',
    ]);
    expect(written.map((i) => i.deletedOccurrences)).toEqual(written.map(() => [expect.any(String)]));
    expect(written.find((i) => i.subject === 'Series relativeYearly')?.deletedOccurrences).toEqual([
      '2027-11-26T13:00:00.000Z',
    ]);
  });
});
