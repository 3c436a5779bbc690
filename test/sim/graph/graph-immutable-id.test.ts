import type { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { readRound, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00003@example.test';
const IMMUTABLE = 'IdType="ImmutableId"';

/**
 * https://learn.microsoft.com/graph/outlook-immutable-id : item ids change when the item moves to another
 * folder; with `Prefer: IdType="ImmutableId"` on every request the id stays the same for the item's
 * lifetime in the mailbox, also in delta responses.
 */
describe('Graph simulator: default ids versus ImmutableId', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(async () => {
    await kit.close();
  });
  const firstInInbox = async (prefer?: string) => {
    const request = kit.client.api(`/users/${USER}/mailFolders/inbox/messages`).top(1).select('subject');
    if (prefer) request.header('Prefer', prefer);
    const page = (await request.get()) as { value: { id: string; subject: string }[] };
    const message = page.value[0];
    if (!message) throw new Error('inbox is empty');
    return message;
  };

  // https://learn.microsoft.com/graph/api/message-move (returns the message; its id changes)
  it('gives a moved message a new default id; the old one is gone', async () => {
    const message = await firstInInbox();
    const moved = (await kit.client
      .api(`/users/${USER}/messages/${message.id}/move`)
      .post({ destinationId: 'archive' })) as { id: string; subject: string };
    expect(moved.subject).toBe(message.subject);
    expect(moved.id).not.toBe(message.id);
    const stale = (await kit.client
      .api(`/users/${USER}/messages/${message.id}`)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(stale.statusCode).toBe(404);
    expect(stale.code).toBe('ErrorItemNotFound');
    await expect(kit.client.api(`/users/${USER}/messages/${moved.id}`).get()).resolves.toMatchObject({
      subject: message.subject,
    });
  });

  // https://learn.microsoft.com/graph/outlook-immutable-id#lifetime-of-immutable-ids
  it('keeps an immutable id across moves', async () => {
    const message = await firstInInbox(IMMUTABLE);
    const plain = await firstInInbox();
    expect(message.id).not.toBe(plain.id);
    const moved = (await kit.client
      .api(`/users/${USER}/messages/${message.id}/move`)
      .header('Prefer', IMMUTABLE)
      .post({ destinationId: 'junkemail' })) as { id: string; parentFolderId: string };
    expect(moved.id).toBe(message.id);
    expect(moved.parentFolderId).toBe(kit.sim.model.wellKnownFolder(USER, 'junkemail')?.id);
    const again = (await kit.client
      .api(`/users/${USER}/messages/${message.id}/move`)
      .header('Prefer', IMMUTABLE)
      .post({ destinationId: 'inbox' })) as { id: string };
    expect(again.id).toBe(message.id);
    const fetched = (await kit.client
      .api(`/users/${USER}/messages/${message.id}`)
      .header('Prefer', IMMUTABLE)
      .get()) as { id: string; subject: string };
    expect(fetched).toMatchObject({ id: message.id, subject: message.subject });
  });

  // https://learn.microsoft.com/graph/outlook-immutable-id#immutable-id-with-delta-query
  it('uses immutable ids in delta responses, @removed entries included', async () => {
    const headers = { Prefer: `${IMMUTABLE}, odata.maxpagesize=50` };
    // An item that has moved before: its default id in the Inbox is not the one it was created with.
    const target = (await firstInInbox(IMMUTABLE)).id;
    for (const destinationId of ['drafts', 'inbox']) {
      await kit.client
        .api(`/users/${USER}/messages/${target}/move`)
        .header('Prefer', IMMUTABLE)
        .post({ destinationId });
    }
    const inbox = await readRound(
      kit.client,
      `/users/${USER}/mailFolders/inbox/messages/delta?$select=subject`,
      headers,
    );
    const archive = await readRound(
      kit.client,
      `/users/${USER}/mailFolders/archive/messages/delta?$select=subject`,
      headers,
    );
    expect(inbox.value.map((m) => m['id'])).toContain(target);
    await kit.client
      .api(`/users/${USER}/messages/${target}/move`)
      .header('Prefer', IMMUTABLE)
      .post({ destinationId: 'archive' });
    const inboxChanges = await readRound(kit.client, inbox.deltaLink, headers);
    const archiveChanges = await readRound(kit.client, archive.deltaLink, headers);
    expect(inboxChanges.value).toEqual([
      { '@odata.type': '#microsoft.graph.message', id: target, '@removed': { reason: 'deleted' } },
    ]);
    expect(archiveChanges.value.map((m) => m['id'])).toEqual([target]);
  });
});
