/**
 * Active Directory behaviours Samba cannot show (test-infrastructure §A), on canned ldapts results:
 * implicit MaxValRange truncation of `member`, ranges capped or lowered by the DC, sizeLimitExceeded past
 * MaxPageSize (1,000) on unpaged searches, a DC that stops a paged search early, and what AD's error
 * results turn into. See https://learn.microsoft.com/windows/win32/adsi/attribute-range-retrieval and
 * https://learn.microsoft.com/troubleshoot/windows-server/active-directory/view-set-ldap-policy-using-ntdsutil.
 */
import {
  BusyError,
  InappropriateMatchingError,
  InsufficientAccessError,
  InvalidCredentialsError,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  type Entry,
} from 'ldapts';
import { describe, expect, it } from 'vitest';
import {
  DirectoryAccessDeniedError,
  DirectoryBadCredentialsError,
  DirectoryOperationError,
  DirectoryTruncatedError,
  DirectoryUnreachableError,
  createDirectory,
  type ActiveDirectoryTuning,
} from '../../../engine/adapters/directory/index.ts';
import { memberChunk } from '../../../engine/adapters/directory/active-directory/member-ranges.ts';
import { parseSiteConfig } from '../../../engine/site-config/index.ts';
import { FakeAd, type FakeAdLimits } from './support/fake-ad.ts';

const BASE = 'DC=contoso,DC=com';
const GROUP = `CN=Everyone,OU=Groups,${BASE}`;

function config(expansion: 'in-chain' | 'recursive') {
  const yaml = JSON.stringify({
    site: 'lab-01',
    directory: {
      type: 'active-directory',
      url: 'ldap://dc1.contoso.com',
      allowPlainLdap: true,
      bindDn: 'svc-exsync@contoso.com',
      bindPasswordEnv: 'AD_PASSWORD',
      baseDn: BASE,
      expansion,
      groupSoftLimit: 10_000,
      membershipCacheMinutes: 0,
    },
    exchange: { type: 'graph' },
    microsoftGraph: { tenantId: 't', clientId: 'c', clientSecretEnv: 'GRAPH_SECRET' },
  });
  return parseSiteConfig(yaml, 'site.yaml', { AD_PASSWORD: 'pw', GRAPH_SECRET: 's' });
}

/** A DC holding one group of `members` enabled mailbox users (every 10th nested one level down). */
function dcWithGroup(members: number, limits: FakeAdLimits = {}): FakeAd {
  const ad = new FakeAd(limits);
  const users = Array.from({ length: members }, (_, i) => `CN=user${i},OU=Staff,${BASE}`);
  users.forEach((dn, i) =>
    ad.add(dn, {
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      userAccountControl: '512',
      mail: `user${i}@contoso.com`,
      displayName: `User ${i}`,
    }),
  );
  const nested = `CN=Nested,OU=Groups,${BASE}`;
  ad.add(nested, {
    objectClass: ['top', 'group'],
    groupType: '-2147483646',
    name: 'Nested',
    member: users.filter((_, i) => i % 10 === 0),
  });
  ad.add(GROUP, {
    objectClass: ['top', 'group'],
    groupType: '-2147483640',
    name: 'Everyone',
    member: [nested, ...users.filter((_, i) => i % 10 !== 0)],
  });
  return ad;
}

function adapter(ad: FakeAd, expansion: 'in-chain' | 'recursive', tuning: ActiveDirectoryTuning = {}) {
  return createDirectory(config(expansion), undefined, {
    activeDirectory: { ...tuning, createConnection: ad.create },
  });
}

const everyone = { kind: 'ad-group' as const, dn: GROUP, groupKind: 'security' as const };

describe('sizeLimitExceeded past MaxPageSize', () => {
  it('is what AD answers to an unpaged search for more than 1,000 entries', () => {
    const ad = dcWithGroup(2500);
    expect(() =>
      ad.search(BASE, { scope: 'sub', filter: `(memberOf:1.2.840.113556.1.4.1941:=${GROUP})` }, false),
    ).toThrow(SizeLimitExceededError);
  });

  it('never reaches the adapter: it pages every subtree search and gets all 2,500 members', async () => {
    const ad = dcWithGroup(2500);
    const r = await adapter(ad, 'in-chain').resolve(everyone);
    expect(r.mailboxes).toHaveLength(2500);
    const subtree = ad.requests.filter((q) => q.scope === 'sub');
    expect(subtree.length).toBeGreaterThan(0);
    expect(subtree.every((q) => q.paged)).toBe(true);
    expect(ad.unbound).toBe(ad.opened);
  });

  it('turns a DC that stops a paged search early into a typed error, never a partial list', async () => {
    // Each search stops after 600 entries: the in-chain search, and a recursive batch of 1,000 DNs.
    const ad = dcWithGroup(2500, { failAfterEntries: 600 });
    for (const expansion of ['in-chain', 'recursive'] as const) {
      const error = await adapter(ad, expansion, { dnBatchSize: 1000 })
        .resolve(everyone)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DirectoryTruncatedError);
      expect(error).toMatchObject({ code: 'directory-truncated', refused: false });
      expect((error as Error).message).toMatch(/incomplete and was not used/);
    }
    expect(ad.unbound).toBe(ad.opened);
  });
});

describe('ranged retrieval of member', () => {
  it('reads an implicitly truncated answer (empty member, member;range=0-1499) as a first chunk', () => {
    const values = Array.from({ length: 1500 }, (_, i) => `CN=u${i},${BASE}`);
    const entry: Entry = { dn: GROUP, member: [], 'member;range=0-1499': values };
    expect(memberChunk(entry, 0)).toEqual({ values, next: 1500 });
    expect(memberChunk({ dn: GROUP, 'member;range=1500-*': ['CN=last'] }, 1500)).toEqual({
      values: ['CN=last'],
    });
    expect(memberChunk({ dn: GROUP, member: ['CN=a', 'CN=b'] }, 0)).toEqual({ values: ['CN=a', 'CN=b'] });
  });

  it('counts a 2,300-member group for the catalog from the truncated answer plus ranged requests', async () => {
    const ad = dcWithGroup(2300);
    const groups = await adapter(ad, 'in-chain').listGroups();
    expect(groups.find((g) => g.dn === GROUP)?.memberCount).toBe(2300 - 230 + 1);
    expect(groups.find((g) => g.name === 'Nested')?.memberCount).toBe(230);
    expect(ad.requests.filter((q) => q.scope === 'base').map((q) => q.attributes)).toEqual([
      ['member;range=1500-2499'],
    ]);
  });

  it('continues from the range the DC served when it caps the requested window at MaxValRange', async () => {
    const ad = dcWithGroup(2300);
    const r = await adapter(ad, 'recursive', { rangeWindow: 5000 }).resolve(everyone);
    expect(r.mailboxes).toHaveLength(2300);
    const ranged = ad.requests
      .filter((q) => q.attributes[0]?.startsWith('member;range='))
      .map((q) => `${q.base}:${q.attributes[0]}`);
    expect(ranged).toEqual([
      `${GROUP}:member;range=0-4999`,
      `${GROUP}:member;range=1500-6499`,
      `CN=Nested,OU=Groups,${BASE}:member;range=0-4999`,
    ]);
  });

  it('follows a MaxValRange an admin lowered to 500', async () => {
    const ad = dcWithGroup(2300, { maxValRange: 500 });
    const r = await adapter(ad, 'recursive').resolve(everyone);
    expect(r.mailboxes).toHaveLength(2300);
    const lows = ad.requests
      .filter((q) => q.base === GROUP && q.attributes[0]?.startsWith('member;range='))
      .map((q) => q.attributes[0]);
    expect(lows).toEqual([0, 500, 1000, 1500, 2000].map((low) => `member;range=${low}-${low + 999}`));
  });

  it('refuses a range that does not start where it was asked for, rather than leave a gap', async () => {
    const ad = dcWithGroup(2300, { skewRanges: 7 });
    await expect(adapter(ad, 'recursive').resolve(everyone)).rejects.toBeInstanceOf(DirectoryOperationError);
  });
});

describe('group lookup when AD stops at the size limit', () => {
  it('still offers the exact match first', async () => {
    const ad = new FakeAd();
    for (let i = 0; i < 250; i++)
      ad.add(`CN=Sales ${String(i).padStart(3, '0')},${BASE}`, {
        objectClass: ['top', 'group'],
        name: `Sales ${String(i).padStart(3, '0')}`,
        groupType: '2',
      });
    ad.add(`CN=Sales,${BASE}`, {
      objectClass: ['top', 'group'],
      name: 'Sales',
      groupType: '2',
      mail: 'sales@contoso.com',
    });
    const found = await adapter(ad, 'in-chain').findGroups('sales');
    expect(found.map((g) => g.name)).toEqual([
      'Sales',
      ...Array.from({ length: 14 }, (_, i) => `Sales ${String(i).padStart(3, '0')}`),
    ]);
    // The prefix search was cut at 200 candidates by the DC; the exact one came from a second search.
    expect(ad.requests.filter((q) => q.scope === 'sub').map((q) => q.filter.includes('*'))).toEqual([
      true,
      false,
    ]);
  });
});

describe("AD's error results", () => {
  const failing = (error: Error, on: 'bind' | 'search') => {
    const ad = dcWithGroup(3);
    const create = ad.create;
    let unbinds = 0;
    const d = createDirectory(config('in-chain'), undefined, {
      activeDirectory: {
        createConnection: (options) => {
          const c = create(options);
          return {
            ...c,
            bind: on === 'bind' ? () => Promise.reject(error) : c.bind,
            searchPaginated: on === 'search' ? () => Promise.reject(error) as never : c.searchPaginated,
            search: on === 'search' ? () => Promise.reject(error) : c.search,
            unbind: () => (unbinds++, c.unbind()),
          };
        },
      },
    });
    return { attempt: d.resolve(everyone).catch((e: unknown) => e), unbinds: () => unbinds };
  };

  it.each([
    [
      new InvalidCredentialsError(
        '80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 775, v3839',
      ),
      'bind',
      DirectoryBadCredentialsError,
      /account is locked out.*AD_PASSWORD/,
    ],
    [
      new InvalidCredentialsError(
        '80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 532, v3839',
      ),
      'bind',
      DirectoryBadCredentialsError,
      /password has expired/,
    ],
    [
      new StrongAuthRequiredError(
        '00002028: LdapErr: DSID-0C090259, comment: The server requires binds to turn on integrity checking',
      ),
      'bind',
      DirectoryAccessDeniedError,
      /use an ldaps:\/\/ URL or set directory\.startTls/,
    ],
    [
      new InsufficientAccessError('00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS)'),
      'search',
      DirectoryAccessDeniedError,
      /give the account read access/,
    ],
    [
      new BusyError('00000005: LdapErr: DSID-0C0907E9, comment: busy'),
      'search',
      DirectoryUnreachableError,
      /busy or unavailable/,
    ],
    [
      new InappropriateMatchingError('matching rule not supported'),
      'search',
      DirectoryOperationError,
      /set directory\.expansion: recursive/,
    ],
  ] as const)('turns %s into a typed error and still unbinds', async (error, on, type, message) => {
    const { attempt, unbinds } = failing(error, on);
    const result = await attempt;
    expect(result).toBeInstanceOf(type);
    expect((result as Error).message).toMatch(message);
    expect(unbinds()).toBe(1);
  });
});
