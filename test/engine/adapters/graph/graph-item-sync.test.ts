import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGraph } from '../../../../engine/adapters/graph/connect-graph.ts';
import { GraphMailbox } from '../../../../engine/adapters/graph-mail/graph-mailbox.ts';
import type { ItemChange } from '../../../../engine/ports/mailbox.ts';
import { toGraphImmutableId } from '../../../sim/graph/ids/graph-ids.ts';
import { mountGraph, type MountedGraph } from '../../../sim/graph/start-graph.ts';
import { startSimulator, type Simulator } from '../../../sim/simulator.ts';
import { failure } from '../support/exchange-failure.ts';

let sim: Simulator;
let graph: MountedGraph;
let port: GraphMailbox;
let mailbox: string;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 2, foldersPerMailbox: 8, itemsPerFolder: 4, seed: 'graph-item-sync' },
  });
  graph = mountGraph(sim);
  mailbox = sim.model.mailboxAt(0)!.primarySmtp;
  port = GraphMailbox.over(
    connectGraph(
      {
        tenantId: graph.tenantId,
        clientId: graph.clientId,
        clientSecretEnv: 'UNUSED',
        authorityHost: graph.authorityHost,
        baseUrl: graph.baseUrl,
        caFile: graph.caPath,
      },
      graph.clientSecret,
      { maxRetries: 5, delaySeconds: 3 },
    ),
  );
});
afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await port.close();
  graph.endpoint.close();
  await sim.close();
});

async function syncToEnd(folderId: string, state?: string) {
  const changes: ItemChange[] = [];
  let current = state;
  for (;;) {
    const page = await port.syncItems(mailbox, folderId, current, { maxChanges: 3 });
    changes.push(...page.changes);
    current = page.syncState;
    if (!page.more) return { changes, syncState: current };
  }
}

const folder = (name: string) => sim.model.wellKnownFolder(mailbox, name)!.id;

describe('Graph item sync (messages/delta)', () => {
  // https://learn.microsoft.com/graph/outlook-immutable-id
  it('a moved message keeps its id: removed from the old folder, reported in the new one under the same id', async () => {
    const { syncState: inboxState } = await syncToEnd(folder('inbox'));
    const { syncState: junkState } = await syncToEnd(folder('junkemail'));
    const item = [...sim.model.items(folder('inbox'))][1]!;
    const moved = sim.model.moveItem(item.id, folder('junkemail'));
    expect(moved.id).not.toBe(item.id);
    const id = toGraphImmutableId(item.immutableId);
    expect((await syncToEnd(folder('inbox'), inboxState)).changes).toEqual([{ kind: 'deleted', id }]);
    const { changes } = await syncToEnd(folder('junkemail'), junkState);
    expect(
      changes.map((c) => ('item' in c ? { kind: c.kind, id: c.item.id, folderId: c.item.folderId } : c)),
    ).toEqual([{ kind: 'updated', id, folderId: folder('junkemail') }]);
  });

  // https://learn.microsoft.com/graph/delta-query-overview ("Synchronization reset", "Token duration")
  it.each([400, 404, 410] as const)(
    'an expired delta token answered %i syncStateNotFound is sync-state-invalid, not a missing mailbox or folder',
    async (status) => {
      const { syncState } = await syncToEnd(folder('sentitems'));
      graph.endpoint.settings.expiredDeltaTokenStatus = status;
      graph.endpoint.settings.deltaTokenMaxAgeMs = 0;
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const error = await failure(port.syncItems(mailbox, folder('sentitems'), syncState));
        expect(error.code).toBe('sync-state-invalid');
      } finally {
        graph.endpoint.settings.expiredDeltaTokenStatus = 410;
        graph.endpoint.settings.deltaTokenMaxAgeMs = Number.POSITIVE_INFINITY;
      }
    },
  );

  it('a state the adapter did not issue (a bare URL, another format) is refused without a request', async () => {
    const before = sim.knobs.counterSnapshot().total;
    for (const bad of [
      `${graph.baseUrl}v1.0/users/x/mailFolders/y/messages/delta`,
      'graph-items:full:nonsense',
    ])
      expect((await failure(port.syncItems(mailbox, folder('inbox'), bad))).code).toBe('sync-state-invalid');
    expect(sim.knobs.counterSnapshot().total).toBe(before);
  });
});
