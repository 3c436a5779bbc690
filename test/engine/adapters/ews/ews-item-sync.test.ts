import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsConnection } from '../../../../engine/adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../../../../engine/adapters/ews/ews-mailbox.ts';
import type { ItemChange } from '../../../../engine/ports/mailbox.ts';
import { startSimulator, type Simulator } from '../../../sim/simulator.ts';
import { failure } from '../support/exchange-failure.ts';

let sim: Simulator;
let port: EwsMailbox;
let mailbox: string;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 2, foldersPerMailbox: 8, itemsPerFolder: 6, seed: 'ews-item-sync' },
  });
  mailbox = sim.model.mailboxAt(0)!.primarySmtp;
  port = new EwsMailbox(
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
});
afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  sim.knobs.configure({ latency: { byOperation: {} } });
  await port.close();
  await sim.close();
});

const folder = (name: string) => sim.model.wellKnownFolder(mailbox, name)!.id;
const slowGetItem = (ms: number) =>
  sim.knobs.configure({ latency: { byOperation: { 'ews:GetItem': { minMs: ms, maxMs: ms } } } });

describe('EWS item sync (SyncFolderItems + GetItem)', () => {
  it('reads the metadata of a page with one GetItem after its SyncFolderItems', async () => {
    const before = sim.knobs.counterSnapshot().byOperation;
    const page = await port.syncItems(mailbox, folder('inbox'), undefined);
    const after = sim.knobs.counterSnapshot().byOperation;
    expect(page.changes).toHaveLength(6);
    expect((after['ews:SyncFolderItems'] ?? 0) - (before['ews:SyncFolderItems'] ?? 0)).toBe(1);
    expect((after['ews:GetItem'] ?? 0) - (before['ews:GetItem'] ?? 0)).toBe(1);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-synchronize-items-by-using-ews-in-exchange
  it('an item deleted between SyncFolderItems and its GetItem is left out; the next page reports its deletion', async () => {
    const sent = folder('sentitems');
    const victim = [...sim.model.items(sent)][2]!;
    slowGetItem(600);
    try {
      const pending = port.syncItems(mailbox, sent, undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      sim.model.deleteItem(victim.id, 'hard');
      const page = await pending;
      const ids = page.changes.map((c) => ('item' in c ? c.item.id : c.id));
      expect(ids).toHaveLength(5);
      expect(ids).not.toContain(victim.id);
      slowGetItem(0);
      const next = await port.syncItems(mailbox, sent, page.syncState);
      expect(next.changes).toEqual([{ kind: 'deleted', id: victim.id } satisfies ItemChange]);
    } finally {
      slowGetItem(0);
    }
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
  it('a throttled GetItem is retried after the back-off the server asks for', async () => {
    const scripted = sim.knobs.counterSnapshot().throttled.scripted;
    sim.knobs.injectThrottle({ protocol: 'ews', operation: 'GetItem' }, 1, 700);
    const started = performance.now();
    const page = await port.syncItems(mailbox, folder('deleteditems'), undefined);
    expect(performance.now() - started).toBeGreaterThanOrEqual(695);
    expect(sim.knobs.counterSnapshot().throttled.scripted).toBe(scripted + 1);
    expect(page.changes).toHaveLength(sim.model.itemCount(folder('deleteditems')));
    expect(page.changes.length).toBeGreaterThan(0);
    expect(page.changes.every((c) => c.kind === 'created')).toBe(true);
  });

  it('a cancel while GetItem reads the items ends the call at once with cancelled', async () => {
    slowGetItem(30_000);
    const controller = new AbortController();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 300);
    try {
      const error = await failure(
        port.syncItems(mailbox, folder('junkemail'), undefined, { signal: controller.signal }),
      );
      expect(error.code).toBe('cancelled');
      expect(abortedAt).toBeGreaterThan(0);
      expect(performance.now() - abortedAt).toBeLessThan(1000);
    } finally {
      slowGetItem(0);
    }
  });

  it('a moved item leaves its folder and arrives in the other under a new EWS id', async () => {
    const { syncState: inboxState } = await port.syncItems(mailbox, folder('inbox'), undefined);
    const { syncState: junkState } = await port.syncItems(mailbox, folder('junkemail'), undefined);
    const item = [...sim.model.items(folder('inbox'))][0]!;
    const moved = sim.model.moveItem(item.id, folder('junkemail'));
    expect((await port.syncItems(mailbox, folder('inbox'), inboxState)).changes).toEqual([
      { kind: 'deleted', id: item.id },
    ]);
    const { changes } = await port.syncItems(mailbox, folder('junkemail'), junkState);
    expect(changes.map((c) => ('item' in c ? { kind: c.kind, id: c.item.id } : c))).toEqual([
      { kind: 'created', id: moved.id },
    ]);
    expect(moved.id).not.toBe(item.id);
  });

  it('maxChanges is clamped to what SyncFolderItems allows (1–512)', async () => {
    const tiny = await port.syncItems(mailbox, folder('sentitems'), undefined, { maxChanges: 0 });
    expect(tiny.changes).toHaveLength(1);
    expect(tiny.more).toBe(true);
    const huge = await port.syncItems(mailbox, folder('sentitems'), undefined, { maxChanges: 100_000 });
    expect(huge.more).toBe(false);
  });
});
