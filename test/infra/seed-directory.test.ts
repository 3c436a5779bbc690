/** The seeding helper itself: its plan, its CLI, isolation between runs and removal. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { NoSuchObjectError, type Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapTarget } from './directory/ldap-target.ts';
import { openClient } from './directory/ldap-target.ts';
import { planSeed } from './directory/plan.ts';
import { requireLdap } from './directory/require-ldap.ts';
import { removeSeed } from './directory/remove.ts';
import { seedDirectory } from './directory/seed.ts';

const run = promisify(execFile);

describe('seed plan', () => {
  it('keeps every account name within the 20 characters sAMAccountName allows, for the longest run id', () => {
    const plan = planSeed('DC=example,DC=test', 'abcdefgh', 100_000);
    const names = [...Object.values(plan.users), ...Object.values(plan.groups), plan.bulkUsers.at(-1)!].map(
      (object) => object.sAMAccountName,
    );
    expect(Math.max(...names.map((name) => name.length))).toBeLessThanOrEqual(20);
    expect(new Set(names).size).toBe(names.length);
  });

  it('rejects run ids that would not make valid, unique names', () => {
    expect(() => planSeed('DC=example,DC=test', 'has space', 0)).toThrow(/run id/);
    expect(() => planSeed('DC=example,DC=test', 'waytoolong1', 0)).toThrow(/run id/);
  });
});

describe('seeding a DC', () => {
  let target: LdapTarget;
  let client: Client;

  beforeAll(async () => {
    target = requireLdap();
    client = await openClient(target);
  });

  afterAll(async () => {
    await client?.unbind();
  });

  const countUnder = async (dn: string): Promise<number> => {
    const { searchEntries } = await client.search(dn, { scope: 'sub', attributes: ['1.1'] });
    return searchEntries.length;
  };

  it('gives each run its own OU, and removeSeed deletes one run without touching another', async () => {
    const first = await seedDirectory(client, target.baseDn, { bulkUsers: 3 });
    const second = await seedDirectory(client, target.baseDn, { bulkUsers: 3 });
    expect(second.ouDn).not.toBe(first.ouDn);
    expect(await countUnder(first.ouDn)).toBe(first.counts.entries);

    await removeSeed(client, first);
    await expect(client.search(first.ouDn, { scope: 'base' })).rejects.toBeInstanceOf(NoSuchObjectError);
    expect(await countUnder(second.ouDn)).toBe(second.counts.entries);
    await removeSeed(client, second);
  });

  it('seeds from the command line and prints counts and timings as JSON', async () => {
    const env = {
      ...process.env,
      EXSYNC_TEST_LDAP_URL: target.url,
      EXSYNC_TEST_LDAP_BIND_DN: target.bindDn,
      EXSYNC_TEST_LDAP_PASSWORD: target.password,
      EXSYNC_TEST_LDAP_BASE_DN: target.baseDn,
    };
    const cli = path.join(import.meta.dirname, 'seed-directory.ts');
    const runId = `cli${Date.now().toString(36).slice(-5)}`;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', cli, '--users', '25', '--run-id', runId],
      {
        env,
      },
    );
    const printed = JSON.parse(stdout) as {
      runId: string;
      ouDn: string;
      counts: { bulkUsers: number; entries: number };
      elapsedMs: number;
    };
    const plan = planSeed(target.baseDn, runId, 25);
    expect(printed).toMatchObject({ runId, ouDn: plan.ouDn, counts: { bulkUsers: 25 } });
    expect(printed.elapsedMs).toBeGreaterThan(0);
    expect(await countUnder(plan.ouDn)).toBe(printed.counts.entries);
    await removeSeed(client, plan);
  });
});
