import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { startGraphKit } from './support/graph-test-kit.ts';

type Member = { '@odata.type': string; id: string; mail: string };
type Page = { value: Member[]; '@odata.nextLink'?: string };

const address = (n: number) => `user${String(n).padStart(5, '0')}@example.test`;

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe('Graph simulator: groups and transitive members', () => {
  let kit: GraphKit;
  let allStaffId: string;
  let outerId: string;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { mailboxes: 10_000, itemsPerFolder: 1 } });
    const model = kit.sim.model;
    allStaffId = model.addGroup({
      primarySmtp: 'allstaff@example.test',
      displayName: 'All staff',
      members: Array.from({ length: 10_000 }, (_, i) => address(i + 1)),
    }).id;
    model.addContact({ primarySmtp: 'auditor@partner.example', displayName: 'External Auditor' });
    model.addGroup({
      primarySmtp: 'team-a@example.test',
      displayName: 'Team A',
      members: [address(1), address(2), 'team-b@example.test'],
    });
    model.addGroup({
      primarySmtp: 'team-b@example.test',
      displayName: 'Team B',
      members: [address(2), address(3), 'auditor@partner.example', 'team-a@example.test'],
    });
    outerId = model.addGroup({
      primarySmtp: 'teams@example.test',
      displayName: 'Teams',
      members: ['team-a@example.test'],
      kind: 'security',
    }).id;
  }, 60_000);
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/api/group-list (filter by mail; no match is an empty collection)
  it('finds a group by mail and answers an empty list for an unknown address', async () => {
    const found = (await kit.client
      .api('/groups')
      .filter("mail eq 'allstaff@example.test'")
      .select('id,mail,displayName')
      .get()) as Page;
    expect(found.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.group',
        id: allStaffId,
        mail: 'allstaff@example.test',
        displayName: 'All staff',
      },
    ]);
    const none = (await kit.client.api('/groups').filter("mail eq 'nobody@example.test'").get()) as Page;
    expect(none.value).toEqual([]);
  });

  // https://learn.microsoft.com/graph/api/group-list-transitivemembers ; https://learn.microsoft.com/graph/paging
  it('pages 10,000 transitive members with $top and @odata.nextLink', async () => {
    const first = (await kit.client.api(`/groups/${allStaffId}/transitiveMembers`).get()) as Page;
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toContain('$skiptoken=');
    const seen = new Set<string>();
    let pages = 0;
    let page: Page = (await kit.client
      .api(`/groups/${allStaffId}/transitiveMembers`)
      .top(999)
      .select('id,mail')
      .get()) as Page;
    for (;;) {
      pages++;
      for (const member of page.value) {
        expect(member['@odata.type']).toBe('#microsoft.graph.user');
        expect(Object.keys(member).sort()).toEqual(['@odata.type', 'id', 'mail']);
        seen.add(member.mail);
      }
      const next = page['@odata.nextLink'];
      if (!next) break;
      page = (await kit.client.api(next).get()) as Page;
    }
    expect(pages).toBe(11);
    expect(seen.size).toBe(10_000);
    expect(seen.has(address(1)) && seen.has(address(10_000))).toBe(true);
  });

  // https://learn.microsoft.com/graph/paging ($top bounds of directory collections: 1..999)
  it('refuses a directory page size over 999', async () => {
    const error = await failure(kit.client.api(`/groups/${allStaffId}/transitiveMembers`).top(1000).get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_UnsupportedQuery');
  });

  // https://learn.microsoft.com/graph/api/group-list-transitivemembers ("a flat list of all nested members")
  it('flattens nested groups once each, with users, contacts and the nested groups themselves', async () => {
    const page = (await kit.client.api(`/groups/${outerId}/transitiveMembers`).get()) as Page;
    const byType = (type: string) =>
      page.value
        .filter((m) => m['@odata.type'] === type)
        .map((m) => m.mail)
        .sort();
    expect(byType('#microsoft.graph.user')).toEqual([address(1), address(2), address(3)]);
    expect(byType('#microsoft.graph.group')).toEqual(['team-a@example.test', 'team-b@example.test']);
    expect(byType('#microsoft.graph.orgContact')).toEqual(['auditor@partner.example']);
    expect(page.value).toHaveLength(6);
    const direct = (await kit.client.api(`/groups/${outerId}/members`).get()) as Page;
    expect(direct.value.map((m) => m.mail)).toEqual(['team-a@example.test']);
  });

  // https://learn.microsoft.com/graph/api/group-list-transitivemembers (OData cast needs ConsistencyLevel: eventual and $count=true)
  it('casts to microsoft.graph.user with the advanced query parameters', async () => {
    const users = (await kit.client
      .api(`/groups/${outerId}/transitiveMembers/microsoft.graph.user?$count=true`)
      .header('ConsistencyLevel', 'eventual')
      .get()) as Page;
    expect(users.value.map((m) => m.mail).sort()).toEqual([address(1), address(2), address(3)]);
    const error = await failure(
      kit.client.api(`/groups/${outerId}/transitiveMembers/microsoft.graph.user`).get(),
    );
    expect(error.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/api/group-get ; https://learn.microsoft.com/graph/errors
  it('answers 404 Request_ResourceNotFound for an unknown group and 400 for a malformed id', async () => {
    const missing = await failure(
      kit.client.api('/groups/0f0e0d0c-0b0a-0908-0706-050403020100/transitiveMembers').get(),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('Request_ResourceNotFound');
    const malformed = await failure(kit.client.api('/groups/allstaff/transitiveMembers').get());
    expect(malformed.statusCode).toBe(400);
  });
});
