/**
 * Proves the test DC behaves like Active Directory where exsync depends on it, through ldapts and the
 * data seeded by test/infra/directory/seed.ts (its own OU and names, so other files can seed alongside).
 */
import { readFileSync } from 'node:fs';
import { Attribute, Change, Client, InvalidCredentialsError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapTarget } from './directory/ldap-target.ts';
import { openClient } from './directory/ldap-target.ts';
import { readRangedMembers } from './directory/ranged-members.ts';
import { requireLdap } from './directory/require-ldap.ts';
import { removeSeed } from './directory/remove.ts';
import { seedDirectory, type SeededDirectory } from './directory/seed.ts';
import { values } from './directory/values.ts';
import type { GroupKey, MemberKey } from './directory/fixture.ts';

/** More than AD's MaxValRange (1500), so the same test against Windows AD crosses a range boundary. */
const BULK_USERS = 1600;
const IN_CHAIN = '1.2.840.113556.1.4.1941';
const BIT_AND = '1.2.840.113556.1.4.803';

let target: LdapTarget;
let client: Client;
let seed: SeededDirectory;

beforeAll(async () => {
  target = requireLdap();
  client = await openClient(target);
  seed = await seedDirectory(client, target.baseDn, { bulkUsers: BULK_USERS });
}, 120_000);

afterAll(async () => {
  if (!client) return;
  // A DC this run started is thrown away whole; one named by EXSYNC_TEST_LDAP_URL is not ours to fill up.
  if (seed && !target.disposable) await removeSeed(client, seed);
  await client.unbind();
});

/** DNs matching the filter under the seed's OU, sorted: IN_CHAIN results come in no fixed order. */
async function dnsMatching(filter: string): Promise<string[]> {
  const { searchEntries } = await client.search(seed.ouDn, { scope: 'sub', filter, attributes: ['1.1'] });
  return searchEntries.map((entry) => entry.dn).sort();
}

function dnsOf(...keys: MemberKey[]): string[] {
  const all = { ...seed.users, ...seed.contacts, ...seed.groups };
  return keys.map((key) => all[key].dn).sort();
}

describe('binding', () => {
  it('binds over plain LDAP and reads the domain from the rootDSE', async () => {
    const { searchEntries } = await client.search('', {
      scope: 'base',
      attributes: ['defaultNamingContext'],
    });
    expect(values(searchEntries[0]!, 'defaultNamingContext')).toEqual([target.baseDn]);
  });

  it('rejects a wrong password with the AD error text', async () => {
    const wrong = new Client({ url: target.url });
    try {
      const bind = wrong.bind(target.bindDn, `${target.password}-wrong`);
      await expect(bind).rejects.toBeInstanceOf(InvalidCredentialsError);
      await expect(bind).rejects.toThrow(/AcceptSecurityContext error, data 52e/);
    } finally {
      await wrong.unbind();
    }
  });

  it('binds over LDAPS with the DC CA pinned and the certificate host name as servername', async () => {
    const secure = await openClient(target, true);
    try {
      const { searchEntries } = await secure.search('', { scope: 'base', attributes: ['dnsHostName'] });
      expect(values(searchEntries[0]!, 'dnsHostName')[0]?.toLowerCase()).toBe(
        target.ldaps?.servername.toLowerCase(),
      );
    } finally {
      await secure.unbind();
    }
  });

  it('checks the certificate: no servername or no pinned CA fails the LDAPS handshake', async () => {
    const ldaps = target.ldaps;
    if (!ldaps) throw new Error('no LDAPS facts for this DC');
    const ca = [readFileSync(ldaps.caPath)];
    for (const [tlsOptions, error] of [
      [{ ca }, /IP: 127\.0\.0\.1 is not in the cert's list/],
      [{ servername: ldaps.servername }, /unable to verify the first certificate/],
    ] as const) {
      const unpinned = new Client({ url: ldaps.url, tlsOptions });
      try {
        await expect(unpinned.bind(target.bindDn, target.password)).rejects.toThrow(error);
      } finally {
        await unpinned.unbind();
      }
    }
  });
});

describe('password policy', () => {
  it('is relaxed: a seeded user takes a two-letter password over LDAPS and binds with it', async () => {
    const secure = await openClient(target, true);
    const user = new Client({ url: target.url });
    try {
      // AD takes unicodePwd only over an encrypted connection, as the quoted password in UTF-16LE.
      const unicodePwd = Buffer.from('"pw"', 'utf16le');
      await secure.modify(
        seed.users.bob.dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd] }),
        }),
      );
      await user.bind(seed.users.bob.dn, 'pw');
      const { searchEntries } = await user.search(seed.users.bob.dn, {
        scope: 'base',
        attributes: ['sAMAccountName'],
      });
      expect(values(searchEntries[0]!, 'sAMAccountName')).toEqual([seed.users.bob.sAMAccountName]);
    } finally {
      await user.unbind();
      await secure.unbind();
    }
  });
});

describe('nested groups', () => {
  const inChain = (group: GroupKey): Promise<string[]> =>
    dnsMatching(`(memberOf:${IN_CHAIN}:=${seed.groups[group].dn})`);

  it('resolves every member of a group nested six levels deep, each once, via the in-chain rule', async () => {
    const groups: MemberKey[] = ['engineering', 'sales', 'platform', 'storage', 'loopA', 'loopB', 'loopC'];
    const engineers: MemberKey[] = [
      'alice',
      'noMail',
      'bob',
      'carol',
      'disabled',
      'noPassword',
      'gina',
      'hank',
      'erin',
    ];
    const others: MemberKey[] = ['frank', 'dave', 'hidden', 'partner'];
    expect(await inChain('allStaff')).toEqual(dnsOf(...groups, ...engineers, ...others));
  });

  it('terminates in the membership cycle loopA > loopB > loopC > loopA, which includes the group itself', async () => {
    const cycle = dnsOf('loopA', 'loopB', 'loopC', 'gina', 'hank', 'erin');
    expect(await inChain('loopA')).toEqual(cycle);
    expect(await inChain('loopB')).toEqual(cycle);
    expect(await inChain('loopC')).toEqual(cycle);
  });

  it('lists the groups a user belongs to transitively with the in-chain rule on member', async () => {
    expect(await dnsMatching(`(member:${IN_CHAIN}:=${seed.users.carol.dn})`)).toEqual(
      dnsOf('storage', 'platform', 'engineering', 'allStaff', 'resources'),
    );
    expect(await dnsMatching(`(member:${IN_CHAIN}:=${seed.users.frank.dn})`)).toEqual(dnsOf('allStaff'));
  });

  it('keeps memberOf to direct membership', async () => {
    const { searchEntries } = await client.search(seed.users.carol.dn, {
      scope: 'base',
      attributes: ['memberOf'],
    });
    expect(values(searchEntries[0]!, 'memberOf')).toEqual([seed.groups.storage.dn]);
  });
});

describe('group kinds', () => {
  it('tells security from distribution groups by the groupType bit', async () => {
    const security = `(groupType:${BIT_AND}:=2147483648)`;
    expect(await dnsMatching(`(&(objectClass=group)${security})`)).toEqual(
      dnsOf('engineering', 'platform', 'storage', 'loopA', 'loopB', 'loopC', 'resources'),
    );
    expect(await dnsMatching(`(&(objectClass=group)(!${security}))`)).toEqual(
      dnsOf('allStaff', 'sales', 'bulk'),
    );
  });

  it('stores the AD groupType values for each scope and kind', async () => {
    const { searchEntries } = await client.search(seed.ouDn, {
      scope: 'one',
      filter: '(objectClass=group)',
      attributes: ['groupType'],
    });
    const stored = Object.fromEntries(
      searchEntries.map((entry) => [entry.dn, values(entry, 'groupType')[0]]),
    );
    expect(stored).toEqual(
      Object.fromEntries(Object.values(seed.groups).map((g) => [g.dn, String(g.groupType)])),
    );
    expect(seed.groups.engineering.groupType).toBe(-2147483640); // universal security
    expect(seed.groups.platform.groupType).toBe(-2147483646); // global security
    expect(seed.groups.resources.groupType).toBe(-2147483644); // domain-local security
    expect(seed.groups.allStaff.groupType).toBe(8); // universal distribution
    expect(seed.groups.sales.groupType).toBe(2); // global distribution
  });
});

describe('accounts', () => {
  it('finds disabled users with the ACCOUNTDISABLE bit, 514 set explicitly and 546 by the DC default', async () => {
    const disabled = await dnsMatching(`(&(objectCategory=person)(userAccountControl:${BIT_AND}:=2))`);
    expect(disabled).toEqual(dnsOf('disabled', 'noPassword'));
    const { searchEntries } = await client.search(seed.ouDn, {
      scope: 'one',
      filter: '(objectCategory=person)',
      attributes: ['userAccountControl'],
    });
    const stored = Object.fromEntries(
      searchEntries.map((entry) => [entry.dn, values(entry, 'userAccountControl')]),
    );
    expect(stored[seed.users.disabled.dn]).toEqual(['514']);
    expect(stored[seed.users.noPassword.dn]).toEqual(['546']);
    expect(stored[seed.users.alice.dn]).toEqual(['544']);
  });
});

describe('ranged retrieval of member', () => {
  it('reads the whole bulk group with the member;range=<low>-* loop', async () => {
    const { members } = await readRangedMembers(client, seed.groups.bulk.dn);
    expect(members).toHaveLength(BULK_USERS);
    expect(members.sort()).toEqual(seed.bulkUsers.map((user) => user.dn).sort());
  });

  it('continues across windows until the server marks the last range with *', async () => {
    const { members, rounds } = await readRangedMembers(client, seed.groups.bulk.dn, 1000);
    expect(rounds).toBe(2);
    expect(new Set(members).size).toBe(BULK_USERS);
  });
});

describe('Exchange attributes', () => {
  it('carries mail, mailNickname and proxyAddresses on mail-enabled users, groups and contacts', async () => {
    for (const object of [seed.users.alice, seed.groups.allStaff, seed.contacts.partner]) {
      const { searchEntries } = await client.search(object.dn, {
        scope: 'base',
        attributes: ['mail', 'mailNickname', 'proxyAddresses'],
      });
      const entry = searchEntries[0]!;
      expect(values(entry, 'mail')).toEqual([object.mail]);
      expect(values(entry, 'mailNickname')).toEqual([object.mailNickname]);
      expect(values(entry, 'proxyAddresses').sort()).toEqual([...object.proxyAddresses].sort());
    }
  });

  it('finds the contact as a contact, by mail, and proxyAddresses case-insensitively', async () => {
    const partner = seed.contacts.partner;
    expect(await dnsMatching(`(&(objectClass=contact)(mail=${partner.mail}))`)).toEqual([partner.dn]);
    expect(await dnsMatching(`(proxyAddresses=smtp:${seed.users.alice.mail?.toUpperCase()})`)).toEqual(
      dnsOf('alice'),
    );
  });

  it('marks only the hidden user with msExchHideFromAddressLists', async () => {
    expect(await dnsMatching('(msExchHideFromAddressLists=TRUE)')).toEqual(dnsOf('hidden'));
  });

  it('leaves users without mail without any mail attribute', async () => {
    expect(await dnsMatching('(&(objectCategory=person)(!(mail=*)))')).toEqual(dnsOf('noMail'));
    expect(await dnsMatching('(&(objectCategory=person)(!(mailNickname=*)))')).toEqual(dnsOf('noMail'));
  });
});
