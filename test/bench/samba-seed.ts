/**
 * Benchmark: Samba AD up, N users (default 3,000) and the nested groups seeded, DC stopped; prints JSON.
 *   usage: npx tsx test/bench/samba-seed.ts [--users N] [--fresh]
 * --fresh provisions from scratch instead of copying the cached template (what a first CI run pays).
 * With EXSYNC_TEST_LDAP_URL set it seeds that DC and times only the seed.
 *
 * The bound measured in the same run is the protocol floor: the seed's request count times the cost of a
 * trivial request (a rootDSE read) sent with the same pipelining. seedVsFloor says how many times that
 * floor the seed took, i.e. how much of it is the DC's write work rather than round trips.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from 'ldapts';
import pLimit from 'p-limit';
import type { LdapTarget } from '../infra/directory/ldap-target.ts';
import { openClient } from '../infra/directory/ldap-target.ts';
import { readRangedMembers } from '../infra/directory/ranged-members.ts';
import { startSambaDc, stopSambaDc, type SambaDc } from '../infra/directory/samba-dc.ts';
import { removeSeed } from '../infra/directory/remove.ts';
import { seedDirectory } from '../infra/directory/seed.ts';
import { targetFromEnv } from '../infra/directory/target-from-env.ts';

const IN_FLIGHT = 16;
const FLOOR_SAMPLE = 2_000;

const { values: args } = parseArgs({
  options: { users: { type: 'string', default: '3000' }, fresh: { type: 'boolean', default: false } },
});
const users = Number(args.users);
if (!Number.isInteger(users) || users < 0) throw new Error(`--users must be a whole number: ${args.users}`);
if (args.fresh) process.env['EXSYNC_SAMBA_TEMPLATES'] = 'off';

const since = (start: number): number => Math.round(performance.now() - start);

/** Milliseconds per trivial request with IN_FLIGHT requests outstanding on one connection. */
async function trivialRequestMs(client: Client): Promise<number> {
  const limit = pLimit(IN_FLIGHT);
  const start = performance.now();
  await limit.map(Array.from({ length: FLOOR_SAMPLE }), () =>
    client.search('', { scope: 'base', attributes: ['1.1'] }),
  );
  return (performance.now() - start) / FLOOR_SAMPLE;
}

const started = performance.now();
const given = targetFromEnv();
let dc: SambaDc | undefined;
let target: LdapTarget;
if (given) {
  target = given;
} else {
  dc = await startSambaDc(mkdtempSync(path.join(tmpdir(), 'exsync-ad-bench-')), 120_000);
  target = dc.target;
}
/** Script-side split of the start (template copy or provisioning, then samba until the rootDSE answers). */
const up = dc && {
  upMs: since(started),
  template: dc.template,
  prepareMs: dc.prepareMs,
  startMs: dc.startMs,
};

try {
  const client = await openClient(target);
  try {
    const seeded = await seedDirectory(client, target.baseDn, { bulkUsers: users, inFlight: IN_FLIGHT });
    const upAndSeedMs = since(started);
    const readStart = performance.now();
    const { members } = await readRangedMembers(client, seeded.groups.bulk.dn);
    const readMs = since(readStart);
    if (members.length !== users)
      throw new Error(`bulk group has ${members.length} members, expected ${users}`);
    const requestMs = await trivialRequestMs(client);
    const floorMs = requestMs * seeded.counts.requests;
    if (!target.disposable) await removeSeed(client, seeded);

    let stopMs: number | null = null;
    if (dc) {
      const stopStart = performance.now();
      await stopSambaDc(dc.dir);
      stopMs = since(stopStart);
      dc = undefined;
    }
    const usersSeeded = seeded.counts.users + seeded.counts.bulkUsers;
    console.log(
      JSON.stringify(
        {
          dc: up ?? null,
          seed: {
            counts: seeded.counts,
            elapsedMs: seeded.elapsedMs,
            usersPerSecond: Math.round((usersSeeded * 1000) / seeded.elapsedMs),
            msPerUser: Number((seeded.elapsedMs / usersSeeded).toFixed(2)),
          },
          bound: {
            trivialRequestMs: Number(requestMs.toFixed(3)),
            requests: seeded.counts.requests,
            floorMs: Math.round(floorMs),
            seedVsFloor: Number((seeded.elapsedMs / floorMs).toFixed(1)),
          },
          verify: { bulkMembersRead: members.length, rangedReadMs: readMs },
          upAndSeedMs,
          stopMs,
          totalMs: since(started),
        },
        null,
        2,
      ),
    );
  } finally {
    await client.unbind();
  }
} finally {
  if (dc) await stopSambaDc(dc.dir);
}
