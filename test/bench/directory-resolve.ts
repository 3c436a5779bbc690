/**
 * Benchmark: resolve a 20,000-member nested group on Samba AD with both expansion strategies and print
 * JSON with the time and the number of LDAP round trips of each.
 *   usage: npx tsx test/bench/directory-resolve.ts [--users N] [--repeat R]
 * Starts a throw-away DC like test/bench/samba-seed.ts (or uses the one EXSYNC_TEST_LDAP_* names).
 *
 * The group: top > mid0, mid1 > five leaf groups each > N/10 users per leaf, plus leaf0 > top (a cycle).
 * Round trips are counted by wrapping the ldapts client the adapter uses (bind, each search, each page
 * of a paged search). The bound measured in the same run is the cost of that many trivial requests (a
 * rootDSE read) one after another: vsFloor says how much of a resolution is the DC's work, not the wire.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Attribute, Change, Client, type Client as LdapClient } from 'ldapts';
import { countRoundTrips, createDirectory } from '../../engine/adapters/directory/index.ts';
import { parseSiteConfig } from '../../engine/site-config/index.ts';
import type { LdapTarget } from '../infra/directory/ldap-target.ts';
import { openClient } from '../infra/directory/ldap-target.ts';
import { removeSeed } from '../infra/directory/remove.ts';
import { startSambaDc, stopSambaDc, type SambaDc } from '../infra/directory/samba-dc.ts';
import { seedDirectory } from '../infra/directory/seed.ts';
import { targetFromEnv } from '../infra/directory/target-from-env.ts';

const { values: args } = parseArgs({
  options: { users: { type: 'string', default: '20000' }, repeat: { type: 'string', default: '3' } },
});
const users = Number(args.users);
const repeat = Number(args.repeat);
if (!Number.isInteger(users) || users < 10 || users % 10 !== 0)
  throw new Error(`--users must be a multiple of 10: ${args.users}`);
if (!Number.isInteger(repeat) || repeat < 1)
  throw new Error(`--repeat must be a whole number: ${args.repeat}`);

const since = (start: number): number => Math.round(performance.now() - start);
const UNIVERSAL_DISTRIBUTION = '8';

async function addGroup(client: LdapClient, dn: string, account: string, members: string[]): Promise<void> {
  await client.add(dn, { objectClass: 'group', sAMAccountName: account, groupType: UNIVERSAL_DISTRIBUTION });
  for (let i = 0; i < members.length; i += 500)
    await client.modify(
      dn,
      new Change({
        operation: 'add',
        modification: new Attribute({ type: 'member', values: members.slice(i, i + 500) }),
      }),
    );
}

async function trivialRequestMs(client: LdapClient, sample = 500): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < sample; i++) await client.search('', { scope: 'base', attributes: ['1.1'] });
  return (performance.now() - start) / sample;
}

const started = performance.now();
const given = targetFromEnv();
let dc: SambaDc | undefined;
let target: LdapTarget;
if (given) target = given;
else {
  dc = await startSambaDc(mkdtempSync(path.join(tmpdir(), 'exsync-ad-bench-')), 120_000);
  target = dc.target;
}

try {
  const admin = await openClient(target);
  try {
    const seeded = await seedDirectory(admin, target.baseDn, { bulkUsers: users });
    const ou = seeded.ouDn;
    const dnOf = (name: string) => `CN=${name},${ou}`;
    const perLeaf = users / 10;
    const buildStart = performance.now();
    await addGroup(admin, dnOf('top'), `${seeded.runId}-top`, []);
    for (let m = 0; m < 2; m++) {
      const leaves = Array.from({ length: 5 }, (_, l) => m * 5 + l);
      for (const leaf of leaves) {
        const members = seeded.bulkUsers.slice(leaf * perLeaf, (leaf + 1) * perLeaf).map((u) => u.dn);
        await addGroup(
          admin,
          dnOf(`leaf${leaf}`),
          `${seeded.runId}-leaf${leaf}`,
          leaf === 0 ? [...members, dnOf('top')] : members,
        );
      }
      await addGroup(
        admin,
        dnOf(`mid${m}`),
        `${seeded.runId}-mid${m}`,
        leaves.map((l) => dnOf(`leaf${l}`)),
      );
    }
    await admin.modify(
      dnOf('top'),
      new Change({
        operation: 'add',
        modification: new Attribute({ type: 'member', values: [dnOf('mid0'), dnOf('mid1')] }),
      }),
    );
    const buildMs = since(buildStart);
    const requestMs = await trivialRequestMs(admin);

    const strategies: Record<string, unknown> = {};
    for (const expansion of ['in-chain', 'recursive'] as const) {
      const loaded = parseSiteConfig(
        JSON.stringify({
          site: 'bench',
          directory: {
            type: 'active-directory',
            url: target.url,
            allowPlainLdap: true,
            bindDn: target.bindDn,
            bindPasswordEnv: 'BENCH_AD_PASSWORD',
            baseDn: ou,
            expansion,
            groupSoftLimit: users * 2,
            membershipCacheMinutes: 0,
          },
          exchange: { type: 'graph' },
          microsoftGraph: { tenantId: 't', clientId: 'c', clientSecretEnv: 'BENCH_GRAPH_SECRET' },
        }),
        'bench.yaml',
        { BENCH_AD_PASSWORD: target.password, BENCH_GRAPH_SECRET: 'unused' },
      );
      const trips: Record<string, number> = {};
      const directory = createDirectory(loaded, undefined, {
        activeDirectory: {
          createConnection: (options) =>
            countRoundTrips(new Client(options), (kind) => (trips[kind] = (trips[kind] ?? 0) + 1)),
        },
      });
      const runs: { ms: number; roundTrips: number; mailboxes: number }[] = [];
      for (let i = 0; i < repeat; i++) {
        for (const k of Object.keys(trips)) delete trips[k];
        const start = performance.now();
        const r = await directory.resolve({ kind: 'ad-group', dn: dnOf('top'), groupKind: 'distribution' });
        const ms = since(start);
        if (r.mailboxes.length !== users)
          throw new Error(`${expansion}: ${r.mailboxes.length} mailboxes, expected ${users}`);
        runs.push({
          ms,
          roundTrips: Object.values(trips).reduce((a, b) => a + b, 0),
          mailboxes: r.mailboxes.length,
        });
      }
      const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const floorMs = best.roundTrips * requestMs;
      strategies[expansion] = {
        mailboxes: best.mailboxes,
        bestMs: best.ms,
        medianMs: [...runs].map((r) => r.ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)],
        roundTrips: best.roundTrips,
        roundTripsByKind: { ...trips },
        mailboxesPerSecond: Math.round((best.mailboxes * 1000) / best.ms),
        floorMs: Math.round(floorMs),
        vsFloor: Number((best.ms / floorMs).toFixed(1)),
        runsMs: runs.map((r) => r.ms),
      };
    }
    if (!target.disposable) await removeSeed(admin, seeded);
    console.log(
      JSON.stringify(
        {
          group: {
            users,
            nesting: 'top > 2 mid > 10 leaf groups of users/10, leaf0 > top (cycle)',
            seedMs: seeded.elapsedMs,
            buildMs,
          },
          bound: { trivialRequestMs: Number(requestMs.toFixed(3)) },
          strategies,
          totalMs: since(started),
        },
        null,
        2,
      ),
    );
  } finally {
    await admin.unbind();
  }
} finally {
  if (dc) await stopSambaDc(dc.dir);
}
