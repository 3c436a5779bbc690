/**
 * The Microsoft 365 adapter against the simulated Graph (test/sim/graph), through the official clients
 * (@microsoft/microsoft-graph-client + @azure/identity ClientSecretCredential): a 10,000-member group
 * across pages (https://learn.microsoft.com/graph/api/group-list-transitivemembers,
 * https://learn.microsoft.com/graph/paging), nesting with a contact and a cycle, an unknown group,
 * throttling (https://learn.microsoft.com/graph/throttling: 429 + Retry-After), users by address.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectoryBadCredentialsError,
  DirectoryCancelledError,
  DirectoryThrottledError,
  DirectoryTlsError,
  DirectoryUnreachableError,
  EmptyTargetError,
  GroupNotFoundError,
  UnsupportedTargetError,
  createDirectory,
  publishGroupCatalog,
  searchGroupCatalog,
  type Microsoft365Tuning,
} from '../../../engine/adapters/directory/index.ts';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import { parseSiteConfig } from '../../../engine/site-config/index.ts';
import { mountGraph, type MountedGraph } from '../../sim/graph/start-graph.ts';
import { startSimulator, type Simulator } from '../../sim/simulator.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let sim: Simulator;
let graph: MountedGraph;
const address = (n: number) => `user${String(n).padStart(5, '0')}@example.test`;

beforeAll(async () => {
  sim = await startSimulator({ population: { mailboxes: 10_000, itemsPerFolder: 1 } });
  graph = mountGraph(sim);
  const model = sim.model;
  model.addGroup({
    primarySmtp: 'everyone@example.test',
    displayName: 'Everyone',
    members: Array.from({ length: 10_000 }, (_, i) => address(i + 1)),
  });
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
    kind: 'security',
  });
}, 60_000);
afterAll(async () => {
  graph?.endpoint.close();
  await sim?.close();
});

function config(
  overrides: {
    secret?: string;
    caFile?: string | null;
    baseUrl?: string;
    softLimit?: number;
    cacheMinutes?: number;
  } = {},
) {
  const yaml = JSON.stringify({
    site: 'cloud-01',
    directory: {
      type: 'microsoft-365',
      groupSoftLimit: overrides.softLimit ?? 300,
      membershipCacheMinutes: overrides.cacheMinutes ?? 0,
    },
    exchange: { type: 'graph' },
    microsoftGraph: {
      tenantId: graph.tenantId,
      clientId: graph.clientId,
      clientSecretEnv: 'GRAPH_SECRET',
      authorityHost: graph.authorityHost,
      baseUrl: overrides.baseUrl ?? graph.baseUrl,
      ...(overrides.caFile === null ? {} : { caFile: overrides.caFile ?? graph.caPath }),
    },
  });
  return parseSiteConfig(yaml, 'site.yaml', { GRAPH_SECRET: overrides.secret ?? graph.clientSecret });
}

const directories: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(directories.map((d) => d.close()));
});
function directory(
  overrides: Parameters<typeof config>[0] = {},
  tuning: Microsoft365Tuning = { retry: { maxRetries: 0 } },
) {
  const d = createDirectory(config(overrides), undefined, { microsoft365: tuning });
  directories.push(d);
  return d;
}
/** A port nothing listens on (undici refuses the well-known "bad" ports such as 1). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
const requests = (operation: string) =>
  sim.knobs.counterSnapshot().byOperation[`graph-directory:${operation}`] ?? 0;

describe('a Microsoft 365 group', () => {
  it('resolves 10,000 members across pages of 999', async () => {
    const before = requests('group-list-transitivemembers');
    const r = await directory({ softLimit: 10_000 }).resolve({
      kind: 'm365-group',
      email: 'everyone@example.test',
    });
    expect(r.mailboxes).toHaveLength(10_000);
    expect(new Set(r.mailboxes.map((m) => m.email))).toEqual(
      new Set(Array.from({ length: 10_000 }, (_, i) => address(i + 1))),
    );
    expect(r.mailboxes[0]).toEqual({
      email: address(1),
      displayName: expect.any(String),
      directoryId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(r.skipped).toEqual([]);
    expect(requests('group-list-transitivemembers') - before).toBe(11);
  });

  it('skips nested groups silently, reports contacts, and survives a membership cycle', async () => {
    const r = await directory().resolve({ kind: 'm365-group', email: 'team-a@example.test' });
    expect(r.mailboxes.map((m) => m.email)).toEqual([address(1), address(2), address(3)]);
    expect(r.skipped).toEqual([
      { entry: 'auditor@partner.example', reason: 'contact', detail: 'mail contact auditor@partner.example' },
    ]);
  });

  it('warns over the soft limit', async () => {
    const r = await directory({ softLimit: 2 }).resolve({ kind: 'm365-group', email: 'Team-B@Example.test' });
    expect(r.warnings).toEqual([
      expect.stringMatching(/resolves to 3 mailboxes, more than the soft limit of 2/),
    ]);
  });

  it('reports an unknown group address as group not found', async () => {
    const attempt = directory().resolve({ kind: 'm365-group', email: "nobody's-group@example.test" });
    await expect(attempt).rejects.toBeInstanceOf(GroupNotFoundError);
    await expect(attempt).rejects.toThrow(
      /no group of tenant .* has the address nobody's-group@example.test/,
    );
  });

  it('refuses an AD group target on a Microsoft 365 site', async () => {
    await expect(
      directory().resolve({ kind: 'ad-group', dn: 'CN=Sales,DC=contoso,DC=com', groupKind: 'security' }),
    ).rejects.toBeInstanceOf(UnsupportedTargetError);
  });
});

describe('throttling', () => {
  it('waits for Retry-After and retries, with the members complete', async () => {
    const before = requests('group-list-transitivemembers');
    sim.knobs.injectThrottle(
      { protocol: 'graph-directory', operation: 'group-list-transitivemembers' },
      2,
      1000,
    );
    const started = Date.now();
    const r = await directory({}, { retry: { maxRetries: 3, delaySeconds: 0 } }).resolve({
      kind: 'm365-group',
      email: 'team-a@example.test',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(r.mailboxes).toHaveLength(3);
    expect(requests('group-list-transitivemembers') - before).toBe(3);
  });

  it('gives up with a typed error once the retries are spent, never with a partial list', async () => {
    sim.knobs.injectThrottle(
      { protocol: 'graph-directory', operation: 'group-list-transitivemembers' },
      3,
      0,
    );
    try {
      const error = await directory({}, { retry: { maxRetries: 2, delaySeconds: 0 } })
        .resolve({ kind: 'm365-group', email: 'team-a@example.test' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DirectoryThrottledError);
      expect(error).toMatchObject({ code: 'directory-throttled', refused: false });
    } finally {
      sim.knobs.clearScripted();
    }
  });
});

/**
 * A cancelled run must not wait for its target: the signal aborts the Graph request in flight (fetch's
 * AbortSignal), stops between pages, and also cuts short a Retry-After wait of the Graph client.
 */
describe('cancelling a resolution', () => {
  const MEMBERS = 'group-list-transitivemembers';
  const waitFor = async (condition: () => boolean) => {
    while (!condition()) await new Promise((r) => setTimeout(r, 5));
  };

  it('rejects within a second when aborted mid-way through the 10,000 members, and asks Graph nothing more', async () => {
    sim.knobs.configure({
      latency: { byOperation: { [`graph-directory:${MEMBERS}`]: { minMs: 400, maxMs: 400 } } },
    });
    try {
      const before = requests(MEMBERS);
      const controller = new AbortController();
      const attempt = directory({ softLimit: 10_000, cacheMinutes: 60 }).resolve(
        { kind: 'm365-group', email: 'everyone@example.test' },
        { signal: controller.signal },
      );
      const outcome = attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      // The second page is in flight: the first has been served.
      await waitFor(() => requests(MEMBERS) - before >= 2);
      const abortedAt = performance.now();
      controller.abort();
      const error = await outcome;
      expect(performance.now() - abortedAt).toBeLessThan(1000);
      expect(error).toBeInstanceOf(DirectoryCancelledError);
      expect(error).toMatchObject({
        code: 'directory-cancelled',
        message: 'resolving Microsoft 365 group everyone@example.test was cancelled',
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(requests(MEMBERS) - before).toBe(2);
    } finally {
      sim.knobs.configure({
        latency: { byOperation: { [`graph-directory:${MEMBERS}`]: { minMs: 0, maxMs: 0 } } },
      });
    }
  });

  it('cuts short a Retry-After wait of 30 s', async () => {
    sim.knobs.injectThrottle({ protocol: 'graph-directory', operation: MEMBERS }, 1, 30_000);
    try {
      const started = performance.now();
      const error = await directory({}, { retry: { maxRetries: 3, delaySeconds: 0 } })
        .resolve({ kind: 'm365-group', email: 'team-a@example.test' }, { signal: AbortSignal.timeout(500) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DirectoryCancelledError);
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      sim.knobs.clearScripted();
    }
  });
});

describe('mailboxes by address', () => {
  it('looks each address up and reports unknown ones one by one', async () => {
    const r = await directory().resolve({
      kind: 'mailbox-list',
      emails: [address(7), address(8), 'ghost@example.test', 'team-a@example.test'],
    });
    expect(r.mailboxes.map((m) => m.email)).toEqual([address(7), address(8)]);
    expect(r.skipped.map((s) => [s.entry, s.reason])).toEqual([
      ['ghost@example.test', 'not found'],
      ['team-a@example.test', 'not found'],
    ]);
    await expect(
      directory().resolve({ kind: 'mailbox', email: 'ghost@example.test' }),
    ).rejects.toBeInstanceOf(EmptyTargetError);
  });

  it('finds a user by a secondary SMTP address, as its primary address', async () => {
    const alias = sim.model.mailbox(address(42))!.aliases[0]!;
    const r = await directory().resolve({ kind: 'mailbox', email: alias });
    expect(r.mailboxes.map((m) => m.email)).toEqual([address(42)]);
    expect(r.skipped).toEqual([]);
  });
});

describe('lookup and catalog', () => {
  it('finds groups by prefix of name or mail and publishes mail-enabled groups to the catalog', async () => {
    const d = directory();
    expect((await d.findGroups('team')).map((g) => [g.name, g.kind])).toEqual([
      ['Team A', 'distribution'],
      ['Team B', 'security'],
    ]);
    const store = await openStore({ dataDir: tempDir() });
    try {
      expect((await publishGroupCatalog({ site: 'cloud-01', directory: d, store })).groups).toBe(3);
      const found = await searchGroupCatalog(store, 'cloud-01', 'every');
      expect(found.groups).toEqual([
        {
          dn: expect.any(String),
          name: 'Everyone',
          kind: 'distribution',
          mail: 'everyone@example.test',
          accountName: expect.any(String),
        },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('failures an admin can act on', () => {
  it('reports a wrong client secret as bad credentials, without the secret', async () => {
    const secret = 'wrong~secret~value';
    const error = await directory({ secret })
      .resolve({ kind: 'mailbox', email: address(1) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryBadCredentialsError);
    expect((error as Error).message).toMatch(/GRAPH_SECRET/);
    expect((error as Error).message).not.toContain(secret);
  });

  it('reports an untrusted certificate as a TLS error naming microsoftGraph.caFile', async () => {
    const attempt = directory({ caFile: null }).resolve({ kind: 'mailbox', email: address(1) });
    await expect(attempt).rejects.toBeInstanceOf(DirectoryTlsError);
    await expect(attempt).rejects.toThrow(/microsoftGraph\.caFile/);
  });

  it('reports a Graph endpoint or sign-in host that does not answer as unreachable', async () => {
    const closed = `https://127.0.0.1:${await closedPort()}`;
    for (const [where, endpoints] of [
      ['Graph', { baseUrl: `${closed}/`, authorityHost: graph.authorityHost }],
      ['sign-in', { baseUrl: graph.baseUrl, authorityHost: closed }],
    ] as const) {
      const yaml = JSON.stringify({
        site: 'cloud-01',
        directory: { type: 'microsoft-365', membershipCacheMinutes: 0 },
        exchange: { type: 'graph' },
        microsoftGraph: {
          tenantId: graph.tenantId,
          clientId: graph.clientId,
          clientSecretEnv: 'S',
          caFile: graph.caPath,
          ...endpoints,
        },
      });
      const d = createDirectory(parseSiteConfig(yaml, 'site.yaml', { S: graph.clientSecret }), undefined, {
        microsoft365: { retry: { maxRetries: 0 } },
      });
      directories.push(d);
      const error = await d.findGroups('team').catch((e: unknown) => e);
      expect(error, where).toBeInstanceOf(DirectoryUnreachableError);
      expect((error as Error).message, where).toMatch(
        new RegExp(`${closed}/? cannot be reached .*ECONNREFUSED`),
      );
    }
  });
});
