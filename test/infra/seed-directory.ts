/**
 * Seeds one run of the directory fixture into a running DC and prints JSON with counts and timings.
 *   usage: npx tsx test/infra/seed-directory.ts [--users N] [--run-id ID]
 * The DC is the one named by EXSYNC_TEST_LDAP_* (see `samba-ad-up.sh --env`), else the fixed facts of a
 * DC started by samba-ad-up.sh (kept in step with samba-lib.sh).
 */
import { parseArgs } from 'node:util';
import type { LdapTarget } from './directory/ldap-target.ts';
import { openClient } from './directory/ldap-target.ts';
import { seedDirectory } from './directory/seed.ts';
import { targetFromEnv } from './directory/target-from-env.ts';

const sambaAdUp: LdapTarget = {
  url: 'ldap://127.0.0.1:389',
  bindDn: 'CN=Administrator,CN=Users,DC=example,DC=test',
  password: 'Passw0rd!Test',
  baseDn: 'DC=example,DC=test',
  disposable: true,
};

const { values: args } = parseArgs({
  options: { users: { type: 'string', default: '0' }, 'run-id': { type: 'string' } },
});
const bulkUsers = Number(args.users);
if (!Number.isInteger(bulkUsers) || bulkUsers < 0)
  throw new Error(`--users must be a whole number: ${args.users}`);

const target = targetFromEnv() ?? sambaAdUp;
const client = await openClient(target);
try {
  const seeded = await seedDirectory(client, target.baseDn, {
    bulkUsers,
    ...(args['run-id'] ? { runId: args['run-id'] } : {}),
  });
  const usersCreated = seeded.counts.users + seeded.counts.bulkUsers;
  console.log(
    JSON.stringify({
      runId: seeded.runId,
      ouDn: seeded.ouDn,
      counts: seeded.counts,
      elapsedMs: seeded.elapsedMs,
      usersPerSecond: Math.round((usersCreated * 1000) / seeded.elapsedMs),
    }),
  );
} finally {
  await client.unbind();
}
