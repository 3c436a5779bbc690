import { Folder, WellKnownFolderName } from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ewsClient, rejection } from './ews/ews-test-client.ts';
import type { GraphKit } from './graph/support/graph-test-kit.ts';
import { startGraphKit } from './graph/support/graph-test-kit.ts';
import type { CounterSnapshot } from './knobs/index.ts';

/**
 * `GET /sim/stats` serves the knobs' request counters to other processes (the engine runs as a separate
 * process in end-to-end tests). Read here with a plain `fetch`, as such a process would.
 */
describe('GET /sim/stats', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { mailboxes: 2, itemsPerFolder: 2, seed: 'stats' } });
  });
  afterAll(async () => {
    expect(kit.sim.internalErrors).toEqual([]);
    await kit.close();
  });

  async function stats(): Promise<CounterSnapshot> {
    const response = await fetch(kit.sim.statsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    return (await response.json()) as CounterSnapshot;
  }

  it('counts EWS and Graph requests per operation and mailbox, with throttled and faulted ones', async () => {
    const mailbox = kit.sim.model.mailboxAt(0)?.primarySmtp ?? '';
    const other = kit.sim.model.mailboxAt(1)?.primarySmtp ?? '';
    const before = await stats();
    expect(before.total).toBe(0);

    const service = ewsClient(kit.sim, { mailbox });
    await Folder.Bind(service, WellKnownFolderName.Inbox);
    kit.sim.knobs.injectThrottle({ protocol: 'ews', operation: 'GetFolder' });
    await rejection(Folder.Bind(service, WellKnownFolderName.Inbox));
    kit.sim.knobs.injectFault('http500', { protocol: 'ews', operation: 'GetFolder' });
    await rejection(Folder.Bind(service, WellKnownFolderName.Inbox));
    await kit.client.api(`/users/${other}/mailFolders/inbox`).get();

    const after = await stats();
    const local = kit.sim.knobs.counterSnapshot();
    expect(after).toEqual(local);
    expect(after.byOperation['ews:GetFolder']).toBe(3);
    expect(after.byMailboxOperation[mailbox.toLowerCase()]?.['ews:GetFolder']).toBe(3);
    const graphOperations = Object.entries(after.byMailboxOperation[other.toLowerCase()] ?? {});
    expect(graphOperations.length).toBeGreaterThan(0);
    expect(graphOperations.every(([operation]) => operation.startsWith('graph'))).toBe(true);
    expect(after.throttled.scripted).toBe(1);
    expect(after.faults.http500).toBe(1);
  });

  it('is served on the HTTPS port too, and DELETE resets the counters', async () => {
    const httpsStats = new URL('sim/stats', kit.sim.httpsUrl);
    const overHttps = await kit.fetch(httpsStats, { dispatcher: kit.dispatcher });
    expect(overHttps.status).toBe(200);
    expect(((await overHttps.json()) as CounterSnapshot).total).toBe(kit.sim.knobs.counterSnapshot().total);

    const reset = await fetch(kit.sim.statsUrl, { method: 'DELETE' });
    expect(reset.status).toBe(204);
    expect((await stats()).total).toBe(0);
    expect((await fetch(kit.sim.statsUrl, { method: 'POST' })).status).toBe(405);
  });
});
