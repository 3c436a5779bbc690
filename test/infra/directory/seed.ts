import { randomBytes } from 'node:crypto';
import { Attribute, Change, type Client } from 'ldapts';
import pLimit from 'p-limit';
import { UAC_DISABLED_NO_PASSWORD } from './ad-flags.ts';
import { contactKeys, groupKeys, userKeys } from './fixture.ts';
import {
  MAIL_DOMAIN,
  planSeed,
  type SeededContact,
  type SeededGroup,
  type SeededUser,
  type SeedPlan,
} from './plan.ts';

export interface SeedOptions {
  /** Extra users, all direct members of the `bulk` group. Default 0. */
  bulkUsers?: number;
  /** Names the run's OU (`OU=seed-<runId>`) and prefixes its account names. Random by default. */
  runId?: string;
  /**
   * Requests kept in flight on the one connection. The DC serialises writes, so more connections do not
   * help; pipelining only hides the round trips (16 in flight measured 10-20 % faster than 1 on Samba).
   */
  inFlight?: number;
  /** `member` values per modify request. */
  memberChunk?: number;
}

export interface SeedCounts {
  users: number;
  contacts: number;
  groups: number;
  bulkUsers: number;
  /** `member` values written across all groups. */
  memberValues: number;
  /** Objects added, OUs included. */
  entries: number;
  /** LDAP write requests sent: one add per entry plus the member modifies. */
  requests: number;
}

export interface SeededDirectory extends SeedPlan {
  counts: SeedCounts;
  elapsedMs: number;
}

type Attributes = Record<string, string | string[]>;

function mailEntry(object: { mail?: string; mailNickname?: string; proxyAddresses: string[] }): Attributes {
  if (!object.mail || !object.mailNickname) return {};
  return { mail: object.mail, mailNickname: object.mailNickname, proxyAddresses: object.proxyAddresses };
}

function userEntry(user: SeededUser): Attributes {
  return {
    objectClass: 'user',
    sAMAccountName: user.sAMAccountName,
    userPrincipalName: `${user.sAMAccountName}@${MAIL_DOMAIN}`,
    displayName: user.sAMAccountName,
    // 546 is what the DC applies on its own to a password-less user; sending nothing proves that default.
    ...(user.userAccountControl === UAC_DISABLED_NO_PASSWORD
      ? {}
      : { userAccountControl: String(user.userAccountControl) }),
    ...mailEntry(user),
    ...(user.hidden ? { msExchHideFromAddressLists: 'TRUE' } : {}),
  };
}

function contactEntry(contact: SeededContact): Attributes {
  return { objectClass: 'contact', displayName: contact.mailNickname, ...mailEntry(contact) };
}

/** Groups are created empty; members come afterwards, which is also how the cycle can be closed. */
function groupEntry(group: SeededGroup): Attributes {
  return {
    objectClass: 'group',
    sAMAccountName: group.sAMAccountName,
    groupType: String(group.groupType),
    ...mailEntry(group),
  };
}

/**
 * Creates a fresh OU under `baseDn` and fills it with the fixture (see fixture.ts) plus `bulkUsers` users
 * in the `bulk` group, over the given bound client. Returns what was created so tests can assert on it.
 * Needs the Exchange schema extension samba-ad-up.sh installs (mailNickname, msExchHideFromAddressLists).
 */
export async function seedDirectory(
  client: Client,
  baseDn: string,
  options: SeedOptions = {},
): Promise<SeededDirectory> {
  const started = performance.now();
  const { bulkUsers = 0, inFlight = 16, memberChunk = 500 } = options;
  const runId = options.runId ?? randomBytes(8).readBigUInt64BE().toString(36).slice(0, 8);
  const plan = planSeed(baseDn, runId, bulkUsers);
  const limit = pLimit({ concurrency: inFlight, rejectOnClear: true });
  // On the first failure, drop the queued requests instead of sending thousands that cannot matter.
  const all = async <T>(items: readonly T[], write: (item: T) => Promise<void>): Promise<void> => {
    await limit.map(items, async (item) => {
      try {
        await write(item);
      } catch (error) {
        limit.clearQueue();
        throw error;
      }
    });
  };

  await client.add(plan.ouDn, { objectClass: 'organizationalUnit' });
  await client.add(plan.bulkOuDn, { objectClass: 'organizationalUnit' });
  const people: [string, Attributes][] = [
    ...userKeys.map((key): [string, Attributes] => [plan.users[key].dn, userEntry(plan.users[key])]),
    ...contactKeys.map((key): [string, Attributes] => [
      plan.contacts[key].dn,
      contactEntry(plan.contacts[key]),
    ]),
    ...plan.bulkUsers.map((user): [string, Attributes] => [user.dn, userEntry(user)]),
  ];
  await all(people, ([dn, attributes]) => client.add(dn, attributes));
  const planned = groupKeys.map((key) => plan.groups[key]);
  await all(planned, (group) => client.add(group.dn, groupEntry(group)));
  // Chunks of one group go in order; different groups go in parallel.
  await all(planned, async (group) => {
    for (let i = 0; i < group.members.length; i += memberChunk) {
      const values = group.members.slice(i, i + memberChunk);
      await client.modify(
        group.dn,
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values }) }),
      );
    }
  });

  const counts: SeedCounts = {
    users: userKeys.length,
    contacts: contactKeys.length,
    groups: groupKeys.length,
    bulkUsers,
    memberValues: planned.reduce((sum, group) => sum + group.members.length, 0),
    entries: 2 + people.length + planned.length,
    requests:
      2 +
      people.length +
      planned.length +
      planned.reduce((sum, group) => sum + Math.ceil(group.members.length / memberChunk), 0),
  };
  return { ...plan, counts, elapsedMs: Math.round(performance.now() - started) };
}
