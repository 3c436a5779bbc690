import {
  BasePropertySet,
  EmailMessage,
  Folder,
  FolderId,
  ItemId,
  PropertySet,
  SyncFolderItemsScope,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ewsClient, rejection } from './ews/ews-test-client.ts';
import type { GraphKit } from './graph/support/graph-test-kit.ts';
import { readRound, startGraphKit } from './graph/support/graph-test-kit.ts';
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

  // SyncFolderItems sends one Create/Update/Delete/ReadFlagChange per changed item
  // (https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation);
  // GetItem one item per requested id (https://learn.microsoft.com/exchange/client-developer/web-service-reference/getitem-operation);
  // message delta one entry per changed message, `@removed` for the ones gone
  // (https://learn.microsoft.com/graph/delta-query-messages).
  it('counts the item records that item syncs and GetItem sent back, per operation', async () => {
    await fetch(kit.sim.statsUrl, { method: 'DELETE' });
    const mailbox = kit.sim.model.mailboxAt(0)?.primarySmtp ?? '';
    const other = kit.sim.model.mailboxAt(1)?.primarySmtp ?? '';
    const inbox = kit.sim.model.wellKnownFolder(kit.sim.model.mailbox(mailbox)?.id ?? '', 'inbox');
    const inboxItems = [...kit.sim.model.items(inbox?.id ?? '')].length;
    expect(inboxItems).toBe(2);

    const service = ewsClient(kit.sim, { mailbox });
    const idOnly = new PropertySet(BasePropertySet.IdOnly);
    const sync = (state: string | null) =>
      service.SyncFolderItems(
        new FolderId(WellKnownFolderName.Inbox),
        idOnly,
        [],
        512,
        SyncFolderItemsScope.NormalItems,
        state as string,
      );
    const full = await sync(null);
    const ids = full.GetEnumerator().map((change) => new ItemId(change.ItemId.UniqueId));
    await service.BindToItems(ids, idOnly);
    const [first] = ids;
    const message = await EmailMessage.Bind(service, first ?? new ItemId('missing'), idOnly);
    await message.Delete(0);
    await sync(full.SyncState);

    const otherInbox = kit.sim.model.wellKnownFolder(kit.sim.model.mailbox(other)?.id ?? '', 'inbox');
    const round = await readRound(
      kit.client,
      `/users/${other}/mailFolders/${otherInbox?.id ?? ''}/messages/delta`,
    );
    const [gone] = kit.sim.model.items(otherInbox?.id ?? '');
    kit.sim.model.deleteItem(gone?.id ?? '', 'hard');
    const next = await readRound(kit.client, round.deltaLink);

    const counted = (await stats()).itemRecords;
    // Full sync: both items; incremental: the one deletion. GetItem: BindToItems' two, Bind's one.
    expect(counted['ews:SyncFolderItems']).toBe(inboxItems + 1);
    expect(counted['ews:GetItem']).toBe(inboxItems + 1);
    expect(round.value).toHaveLength(2);
    expect(next.value).toHaveLength(1);
    expect(counted['graph:message-delta']).toBe(3);
  });
});
