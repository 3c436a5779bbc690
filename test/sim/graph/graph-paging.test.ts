import { GraphError, PageIterator } from '@microsoft/microsoft-graph-client';
import type { PageCollection } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00002@example.test';

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe('Graph simulator: collections, paging, $select, users and folders', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { itemsPerFolder: 57 } });
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/api/user-list-messages (default page size 10, $top up to 1000)
  // https://learn.microsoft.com/graph/paging (follow the whole @odata.nextLink until there is none)
  it('pages messages 10 at a time by default and follows @odata.nextLink with PageIterator', async () => {
    const first = (await kit.client.api(`/users/${USER}/mailFolders/inbox/messages`).get()) as PageCollection;
    expect(first.value).toHaveLength(10);
    expect(first['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\//);
    const ids: string[] = [];
    await new PageIterator(kit.client, first, (message: { id: string }) => {
      ids.push(message.id);
      return true;
    }).iterate();
    expect(ids).toHaveLength(57);
    expect(new Set(ids).size).toBe(57);
    const inbox = kit.sim.model.wellKnownFolder(USER, 'inbox');
    expect(inbox?.totalCount).toBe(57);
  });

  // https://learn.microsoft.com/graph/api/user-list-messages#optional-query-parameters
  it('honours $top within 1..1000 and refuses more', async () => {
    const page = (await kit.client
      .api(`/users/${USER}/mailFolders/inbox/messages`)
      .top(25)
      .get()) as PageCollection;
    expect(page.value).toHaveLength(25);
    const all = (await kit.client
      .api(`/users/${USER}/mailFolders/inbox/messages`)
      .top(1000)
      .get()) as PageCollection;
    expect(all.value).toHaveLength(57);
    expect(all['@odata.nextLink']).toBeUndefined();
    const error = await failure(kit.client.api(`/users/${USER}/mailFolders/inbox/messages`).top(1001).get());
    expect(error.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/query-parameters#select-parameter
  it('returns only the $select-ed properties plus id', async () => {
    const page = (await kit.client
      .api(`/users/${USER}/mailFolders/inbox/messages`)
      .select('subject,isRead')
      .top(3)
      .get()) as PageCollection;
    for (const message of page.value as Record<string, unknown>[]) {
      const plain = Object.keys(message).filter((k) => !k.startsWith('@odata.'));
      expect(plain.sort()).toEqual(['id', 'isRead', 'subject']);
    }
  });

  // https://learn.microsoft.com/graph/filter-query-parameter
  it('filters messages with $filter', async () => {
    const unread = (await kit.client
      .api(`/users/${USER}/mailFolders/inbox/messages`)
      .filter('isRead eq false')
      .top(1000)
      .get()) as PageCollection;
    const expected = kit.sim.model.wellKnownFolder(USER, 'inbox')?.unreadCount;
    expect(unread.value).toHaveLength(expected ?? -1);
    expect((unread.value as { isRead: boolean }[]).every((m) => !m.isRead)).toBe(true);
  });

  // https://learn.microsoft.com/graph/api/user-get ; https://learn.microsoft.com/graph/api/user-list
  it('finds users by id, by userPrincipalName and by $filter=mail eq', async () => {
    const mailbox = kit.sim.model.mailbox(USER);
    const byUpn = (await kit.client.api(`/users/${USER}`).get()) as { id: string; mail: string };
    expect(byUpn.id).toBe(mailbox?.id);
    const byId = (await kit.client.api(`/users/${byUpn.id}`).select('mail,proxyAddresses').get()) as Record<
      string,
      unknown
    >;
    expect(byId['mail']).toBe(USER);
    expect(byId['proxyAddresses']).toContain(`SMTP:${USER}`);
    const filtered = (await kit.client
      .api('/users')
      .filter(`mail eq '${USER.toUpperCase()}'`)
      .get()) as PageCollection;
    expect(filtered.value.map((u: { mail: string }) => u.mail)).toEqual([USER]);
  });

  // https://learn.microsoft.com/graph/api/user-get (unknown user → 404 Request_ResourceNotFound)
  // https://learn.microsoft.com/graph/errors
  it('answers documented errors for unknown users and malformed ids', async () => {
    const missing = await failure(kit.client.api('/users/nobody@example.test').get());
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('Request_ResourceNotFound');
    const mailboxMissing = await failure(kit.client.api('/users/nobody@example.test/mailFolders').get());
    expect(mailboxMissing.statusCode).toBe(404);
    expect(mailboxMissing.code).toBe('ErrorInvalidUser');
    const malformed = await failure(kit.client.api(`/users/${USER}/messages/not-an-id`).get());
    expect(malformed.statusCode).toBe(400);
    expect(malformed.code).toBe('ErrorInvalidIdMalformed');
  });

  // https://learn.microsoft.com/graph/api/user-list-mailfolders ; https://learn.microsoft.com/graph/api/mailfolder-get
  // https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names
  it('lists top-level mail folders, gets folders by well-known name and lists child folders', async () => {
    const top = (await kit.client.api(`/users/${USER}/mailFolders`).top(100).get()) as PageCollection;
    const names = (top.value as { displayName: string }[]).map((f) => f.displayName);
    expect(names).toEqual(expect.arrayContaining(['Inbox', 'Sent Items', 'Deleted Items', 'Drafts']));
    expect(names).not.toContain('Calendar');
    const root = (await kit.client.api(`/users/${USER}/mailFolders/msgfolderroot`).get()) as { id: string };
    const inbox = (await kit.client.api(`/users/${USER}/mailFolders/inbox`).get()) as {
      parentFolderId: string;
      totalItemCount: number;
    };
    expect(inbox.parentFolderId).toBe(root.id);
    expect(inbox.totalItemCount).toBe(57);
    const created = (await kit.client
      .api(`/users/${USER}/mailFolders/inbox/childFolders`)
      .post({ displayName: 'Projects' })) as { id: string };
    const children = (await kit.client
      .api(`/users/${USER}/mailFolders/inbox/childFolders`)
      .get()) as PageCollection;
    expect((children.value as { id: string }[]).map((f) => f.id)).toContain(created.id);
    const duplicate = await failure(
      kit.client.api(`/users/${USER}/mailFolders/inbox/childFolders`).post({ displayName: 'projects' }),
    );
    expect(duplicate.statusCode).toBe(409);
    await kit.client.api(`/users/${USER}/mailFolders/${created.id}`).delete();
    expect(kit.sim.model.folder(created.id)?.path).toContain('Deleted Items');
  });
});
