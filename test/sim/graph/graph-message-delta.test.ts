import type { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { readRound, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00001@example.test';
const PAGE = { Prefer: 'odata.maxpagesize=10' };

type Entry = { id: string; '@removed'?: { reason: string }; subject?: string; isRead?: boolean };

describe('Graph simulator: message delta per folder', () => {
  let kit: GraphKit;
  let inboxId: string;
  beforeAll(async () => {
    kit = await startGraphKit();
    inboxId = kit.sim.model.wellKnownFolder(USER, 'inbox')?.id ?? '';
  });
  afterAll(async () => {
    await kit.close();
  });
  const deltaPath = (folder = 'inbox') => `/users/${USER}/mailFolders/${folder}/messages/delta`;

  // https://learn.microsoft.com/graph/delta-query-messages (nextLink pages, deltaLink ends the round;
  // the next round returns only what changed: created, updated, and @removed with reason "deleted")
  it('returns the folder in pages, then exactly the changes made between rounds', async () => {
    const first = await readRound(kit.client, `${deltaPath()}?$select=subject,isRead`, PAGE);
    expect(first.pages).toBe(3);
    expect(first.value).toHaveLength(25);
    expect(
      first.value.every((m) =>
        Object.keys(m).every((k) => ['id', 'subject', 'isRead'].includes(k) || k.startsWith('@odata.')),
      ),
    ).toBe(true);

    const [toRead, toDelete, toMove] = first.value
      .filter((m) => m['isRead'] === true)
      .map((m) => m['id'] as string);
    const created = kit.sim.model.createItem(inboxId, { subject: 'Arrived between rounds', isRead: false });
    await kit.client.api(`/users/${USER}/messages/${toRead}`).patch({ isRead: false });
    await kit.client.api(`/users/${USER}/messages/${toDelete}`).delete();
    await kit.client.api(`/users/${USER}/messages/${toMove}/move`).post({ destinationId: 'archive' });

    const second = await readRound(kit.client, first.deltaLink, PAGE);
    const entries = second.value as Entry[];
    expect(entries).toHaveLength(4);
    expect(entries.find((e) => e.id === created.id)).toMatchObject({
      subject: 'Arrived between rounds',
      isRead: false,
    });
    expect(entries.find((e) => e.id === toRead)).toMatchObject({ isRead: false });
    expect(entries.find((e) => e.id === toDelete)).toEqual({
      '@odata.type': '#microsoft.graph.message',
      id: toDelete,
      '@removed': { reason: 'deleted' },
    });
    expect(entries.find((e) => e.id === toMove)?.['@removed']).toEqual({ reason: 'deleted' });

    const third = await readRound(kit.client, second.deltaLink, PAGE);
    expect(third.value).toEqual([]);
  });

  // https://learn.microsoft.com/graph/api/message-delete (a deleted message moves to Deleted Items)
  it('shows a message deleted from the Inbox arriving in Deleted Items', async () => {
    const before = await readRound(kit.client, deltaPath('deleteditems'), {
      Prefer: 'odata.maxpagesize=100',
    });
    const [victim] = kit.sim.model.items(inboxId);
    if (!victim) throw new Error('inbox is empty');
    await kit.client.api(`/users/${USER}/mailFolders/inbox/messages/${victim.id}`).delete();
    const after = await readRound(kit.client, before.deltaLink);
    expect(after.value).toHaveLength(1);
    expect(after.value[0]).toMatchObject({
      subject: victim.subject,
      parentFolderId: kit.sim.model.wellKnownFolder(USER, 'deleteditems')?.id,
    });
  });

  // https://learn.microsoft.com/graph/delta-query-messages#example-2-synchronize-messages-in-a-folder-based-on-change-type
  it('applies changeType=created from the second round on', async () => {
    const first = await readRound(kit.client, `${deltaPath('sentitems')}?changeType=created`, {
      Prefer: 'odata.maxpagesize=50',
    });
    expect(first.value).toHaveLength(25);
    const sent = kit.sim.model.wellKnownFolder(USER, 'sentitems')?.id ?? '';
    const existing = first.value[0]?.['id'] as string;
    await kit.client.api(`/users/${USER}/messages/${existing}`).patch({ categories: ['Blue category'] });
    const created = kit.sim.model.createItem(sent, { subject: 'Sent later' });
    const second = await readRound(kit.client, first.deltaLink);
    expect(second.value.map((m) => m['id'])).toEqual([created.id]);
  });

  // https://learn.microsoft.com/graph/api/message-delta#odata-query-parameters ($filter only receivedDateTime ge/gt)
  it('supports $filter=receivedDateTime ge and refuses other delta filters', async () => {
    const junk = kit.sim.model.wellKnownFolder(USER, 'junkemail')?.id ?? '';
    const received = [...kit.sim.model.items(junk)].map((i) => i.receivedAt).sort();
    const cut = received[20] ?? '';
    const round = await readRound(kit.client, `${deltaPath('junkemail')}?$filter=receivedDateTime ge ${cut}`);
    expect(round.value).toHaveLength(received.filter((r) => r >= cut).length);
    const error = (await kit.client
      .api(`${deltaPath('junkemail')}?$filter=isRead eq true`)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset (410 + Location)
  // https://learn.microsoft.com/graph/delta-query-overview#token-duration (expired: code syncStateNotFound)
  it('answers syncStateNotFound for an unknown, invalidated or expired token', async () => {
    const garbage = await kit.fetch(`${kit.graph.baseUrl}v1.0${deltaPath()}?$deltatoken=not-a-token`, {
      headers: await kit.authorization(),
    });
    expect(garbage.status).toBe(410);
    expect(((await garbage.json()) as { error: { code: string } }).error.code).toBe('syncStateNotFound');
    expect(garbage.headers.get('location')).toMatch(/\/v1\.0\/users\/.*\/messages\/delta$/);

    const round = await readRound(kit.client, deltaPath('archive'), { Prefer: 'odata.maxpagesize=100' });
    kit.sim.model.invalidateSyncStates(USER);
    const invalidated = (await kit.client
      .api(round.deltaLink)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(invalidated.statusCode).toBe(410);
    expect(invalidated.code).toBe('syncStateNotFound');

    kit.graph.endpoint.settings.expiredDeltaTokenStatus = 400;
    try {
      const fresh = await readRound(kit.client, deltaPath('archive'), { Prefer: 'odata.maxpagesize=100' });
      kit.graph.endpoint.settings.deltaTokenMaxAgeMs = 0;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const expired = (await kit.client
        .api(fresh.deltaLink)
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(expired.statusCode).toBe(400);
      expect(expired.code).toBe('syncStateNotFound');
    } finally {
      kit.graph.endpoint.settings.expiredDeltaTokenStatus = 410;
      kit.graph.endpoint.settings.deltaTokenMaxAgeMs = Number.POSITIVE_INFINITY;
    }
    const restarted = await readRound(kit.client, deltaPath('archive'), { Prefer: 'odata.maxpagesize=100' });
    expect(restarted.value.length).toBe(kit.sim.model.wellKnownFolder(USER, 'archive')?.totalCount);
  });
});
