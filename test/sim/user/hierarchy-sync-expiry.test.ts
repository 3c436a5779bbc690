import type { GraphError } from '@microsoft/microsoft-graph-client';
import { FolderId, PropertySet, ServiceError, WellKnownFolderName } from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ewsClient, rejection } from '../ews/ews-test-client.ts';
import type { GraphKit } from '../graph/support/graph-test-kit.ts';
import { readRound, startGraphKit } from '../graph/support/graph-test-kit.ts';

/**
 * A server that forgets its hierarchy sync states, on both protocols: `model.invalidateSyncStates`
 * (Exchange losing its ICS state), and on Graph also a token older than `deltaTokenMaxAgeMs`.
 */
describe('hierarchy sync states the server has forgotten', () => {
  let kit: GraphKit;
  let mailbox: string;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { mailboxes: 2, foldersPerMailbox: 5, itemsPerFolder: 1 } });
    mailbox = kit.sim.model.mailboxAt(1)!.primarySmtp;
  });
  afterAll(async () => {
    expect(kit.sim.internalErrors).toEqual([]);
    await kit.close();
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/handling-synchronization-related-errors-in-ews-in-exchange
  // (ErrorInvalidSyncStateData: "Synchronize items or folders by using an invalid sync state value")
  it('EWS SyncFolderHierarchy answers ErrorInvalidSyncStateData, and a sync without a state starts over', async () => {
    const service = ewsClient(kit.sim, { mailbox });
    const root = new FolderId(WellKnownFolderName.MsgFolderRoot);
    const first = await service.SyncFolderHierarchy(root, PropertySet.IdOnly, null as unknown as string);
    const quiet = await service.SyncFolderHierarchy(root, PropertySet.IdOnly, first.SyncState);
    expect(quiet.Count).toBe(0);
    kit.sim.model.invalidateSyncStates(mailbox);
    const error = await rejection(service.SyncFolderHierarchy(root, PropertySet.IdOnly, first.SyncState));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorInvalidSyncStateData);
    const again = await service.SyncFolderHierarchy(root, PropertySet.IdOnly, null as unknown as string);
    expect(again.Count).toBe(first.Count);
  });

  // https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset (410 Gone + Location of the initial query)
  // https://learn.microsoft.com/graph/delta-query-overview#token-duration (an expired token: syncStateNotFound)
  it('Graph mailFolders/delta answers syncStateNotFound for an invalidated or too old deltaLink', async () => {
    const path = `/users/${mailbox}/mailFolders/delta?$select=displayName`;
    const round = await readRound(kit.client, path);
    kit.sim.model.invalidateSyncStates(mailbox);
    const invalidated = (await kit.client
      .api(round.deltaLink)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(invalidated.statusCode).toBe(410);
    expect(invalidated.code).toBe('syncStateNotFound');
    const raw = await kit.fetch(round.deltaLink, { headers: await kit.authorization() });
    expect(raw.status).toBe(410);
    expect(raw.headers.get('location')).toMatch(
      /\/v1\.0\/users\/[^/]+\/mailFolders\/delta\?(\$|%24)select=displayName$/,
    );

    const fresh = await readRound(kit.client, path);
    kit.graph.endpoint.settings.deltaTokenMaxAgeMs = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const expired = (await kit.client
        .api(fresh.deltaLink)
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(expired.statusCode).toBe(410);
      expect(expired.code).toBe('syncStateNotFound');
    } finally {
      kit.graph.endpoint.settings.deltaTokenMaxAgeMs = Number.POSITIVE_INFINITY;
    }
    const restarted = await readRound(kit.client, path);
    expect(restarted.value.length).toBe(round.value.length);
  });
});
