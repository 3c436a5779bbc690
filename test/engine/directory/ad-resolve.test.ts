/**
 * Resolving targets against the real Samba AD DC, with both expansion strategies: nested groups six
 * levels deep, the loopA > loopB > loopC > loopA cycle, security vs distribution groups, disabled users,
 * users without mail, contacts, hidden mailboxes, and mailboxes typed by address.
 */
import { describe, expect, it } from 'vitest';
import {
  DnMalformedError,
  EmptyTargetError,
  GroupNotFoundError,
  UnsupportedTargetError,
  createDirectory,
} from '../../../engine/adapters/directory/index.ts';
import type { Target } from '../../../engine/domain/target.ts';
import type { Resolution } from '../../../engine/ports/directory.ts';
import type { GroupKey, UserKey } from '../../infra/directory/fixture.ts';
import { adSiteConfig, useSeededDc } from './support/ad-site.ts';

const dc = useSeededDc();
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function directory(expansion: 'in-chain' | 'recursive', groupSoftLimit = 300) {
  return createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, expansion, groupSoftLimit }));
}

const group = (key: GroupKey, groupKind?: 'security' | 'distribution'): Target => ({
  kind: 'ad-group',
  dn: dc.seed.groups[key].dn,
  groupKind: groupKind ?? dc.seed.groups[key].kind,
});
const mailOf = (key: UserKey) => dc.seed.users[key].mail!;
const emails = (r: Resolution) => r.mailboxes.map((m) => m.email);
const skipped = (r: Resolution) => Object.fromEntries(r.skipped.map((s) => [s.entry, s.reason]));

describe.each(['in-chain', 'recursive'] as const)('an AD group, expanded %s', (expansion) => {
  it('resolves every mailbox nested six levels deep, each once, and says why the others are left out', async () => {
    const r = await directory(expansion).resolve(group('allStaff'));
    const users: UserKey[] = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'hidden'];
    expect(emails(r)).toEqual(users.map(mailOf).sort());
    expect(skipped(r)).toEqual({
      [dc.seed.users.noMail.dn]: 'no mailbox',
      [dc.seed.users.disabled.dn]: 'account disabled',
      [dc.seed.users.noPassword.dn]: 'account disabled',
      [dc.seed.contacts.partner.dn]: 'contact',
    });
    expect(r.warnings).toEqual([]);
    expect(Date.parse(r.resolvedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('terminates in the membership cycle and lists each member of the loop once', async () => {
    for (const key of ['loopA', 'loopB', 'loopC'] as const) {
      const r = await directory(expansion).resolve(group(key));
      expect(emails(r)).toEqual((['erin', 'gina', 'hank'] as const).map(mailOf).sort());
      expect(r.skipped).toEqual([]);
    }
  });

  it('gives each mailbox its primary address, display name, objectGUID and the hidden flag', async () => {
    const r = await directory(expansion).resolve(group('sales'));
    expect(r.mailboxes).toEqual([
      {
        email: mailOf('dave'),
        displayName: dc.seed.users.dave.sAMAccountName,
        directoryId: expect.stringMatching(GUID),
      },
      {
        email: mailOf('hidden'),
        displayName: dc.seed.users.hidden.sAMAccountName,
        directoryId: expect.stringMatching(GUID),
        hiddenFromAddressLists: true,
      },
    ]);
    expect(r.skipped).toEqual([
      {
        entry: dc.seed.contacts.partner.dn,
        reason: 'contact',
        detail: `mail contact ${dc.seed.contacts.partner.mail}`,
      },
    ]);
  });

  it('reports disabled accounts (514 and the DC default 546) under a security group', async () => {
    const r = await directory(expansion).resolve(group('storage'));
    expect(emails(r)).toEqual((['carol', 'erin', 'gina', 'hank'] as const).map(mailOf).sort());
    expect(skipped(r)).toEqual({
      [dc.seed.users.disabled.dn]: 'account disabled',
      [dc.seed.users.noPassword.dn]: 'account disabled',
    });
  });

  it('warns when the task names the wrong kind of group, and when a group is over the soft limit', async () => {
    const wrongKind = await directory(expansion).resolve(group('engineering', 'distribution'));
    expect(wrongKind.warnings).toEqual([
      `${dc.seed.groups.engineering.dn} is a security group in Active Directory, not a distribution group as the task says`,
    ]);
    const big = await directory(expansion, 5).resolve(group('allStaff'));
    expect(big.warnings).toHaveLength(1);
    expect(big.warnings[0]).toMatch(/resolves to 9 mailboxes, more than the soft limit of 5/);
  });

  it('refuses an empty group with a typed error instead of an empty success', async () => {
    const attempt = directory(expansion).resolve(group('bulk'));
    await expect(attempt).rejects.toBeInstanceOf(EmptyTargetError);
    await expect(attempt).rejects.toThrow(/resolved to no mailbox \(it has no members\)/);
  });
});

describe('group DNs that do not name a group', () => {
  it('reports a DN that does not exist, and one that names a user, as group not found', async () => {
    const d = directory('in-chain');
    const missing = `CN=nobody,${dc.seed.ouDn}`;
    await expect(d.resolve({ kind: 'ad-group', dn: missing, groupKind: 'security' })).rejects.toMatchObject({
      code: 'directory-group-not-found',
      group: missing,
    });
    const user = d.resolve({ kind: 'ad-group', dn: dc.seed.users.alice.dn, groupKind: 'security' });
    await expect(user).rejects.toBeInstanceOf(GroupNotFoundError);
    await expect(user).rejects.toThrow(/is a user, not a group/);
  });

  // Samba answers a base read of "CN=\ loopA,..." (a leading escaped space) or "CN=loopA\20\20,..."
  // with the group loopA, and used to cut "CN=loopA\00x" at the NUL the same way: the DN the DC returns
  // is not the one asked for, so it must never resolve loopA's members under that name.
  it.each(['in-chain', 'recursive'] as const)(
    "reports a DN the DC matches to another object as not found, never with that object's members (%s)",
    async (expansion) => {
      const loopA = dc.seed.groups.loopA.dn;
      const rest = loopA.slice(loopA.indexOf(','));
      for (const dn of [`CN=\\ loopA${rest}`, `CN=loopA\\20\\20${rest}`, `cn=loopA\\ ${rest}`]) {
        const attempt = directory(expansion).resolve({ kind: 'ad-group', dn, groupKind: 'security' });
        await expect(attempt, dn).rejects.toBeInstanceOf(GroupNotFoundError);
        await expect(attempt, dn).rejects.toThrow(`the DC answered with ${loopA}, another object`);
      }
      // The same group in another spelling (case, spaces after commas) is still the group.
      const spelled = loopA.toUpperCase().replace(/,/g, ', ');
      const r = await directory(expansion).resolve({ kind: 'ad-group', dn: spelled, groupKind: 'security' });
      expect(emails(r)).toEqual((['erin', 'gina', 'hank'] as const).map(mailOf).sort());
    },
  );

  it('refuses a DN with an escaped NUL before asking the DC, even when it bypassed the target schema', async () => {
    const loopA = dc.seed.groups.loopA.dn;
    const dn = `CN=loopA\\00anything${loopA.slice(loopA.indexOf(','))}`;
    const attempt = directory('in-chain').resolve({ kind: 'ad-group', dn, groupKind: 'security' });
    await expect(attempt).rejects.toBeInstanceOf(DnMalformedError);
    await expect(attempt).rejects.toThrow('contains a control character (U+0000)');
  });

  it('refuses a malformed DN before asking the DC', async () => {
    const attempt = directory('recursive').resolve({
      kind: 'ad-group',
      dn: 'CN=a,,DC=x',
      groupKind: 'security',
    });
    await expect(attempt).rejects.toBeInstanceOf(DnMalformedError);
    await expect(attempt).rejects.toMatchObject({ code: 'directory-dn-malformed', refused: true });
  });

  it('refuses a Microsoft 365 group target on an Active Directory site', async () => {
    await expect(
      directory('in-chain').resolve({ kind: 'm365-group', email: 'team@example.test' }),
    ).rejects.toBeInstanceOf(UnsupportedTargetError);
  });
});

describe('mailboxes by address', () => {
  it('finds a mailbox by its mail, and by a secondary smtp proxy address, as its primary address', async () => {
    const d = directory('in-chain');
    const byMail = await d.resolve({ kind: 'mailbox', email: mailOf('alice') });
    expect(emails(byMail)).toEqual([mailOf('alice')]);
    const alias = dc.seed.users.bob.proxyAddresses.find((p) => p.startsWith('smtp:'))!.slice(5);
    const byAlias = await d.resolve({ kind: 'mailbox', email: alias });
    expect(emails(byAlias)).toEqual([mailOf('bob')]);
    expect(byAlias.skipped).toEqual([]);
  });

  it('reports every address of a list that is not a mailbox, one by one, with its reason', async () => {
    const unknown = `nobody-${dc.seed.runId}@example.test`;
    const aliceAlias = dc.seed.users.alice.proxyAddresses.find((p) => p.startsWith('smtp:'))!.slice(5);
    const r = await directory('in-chain').resolve({
      kind: 'mailbox-list',
      emails: [
        mailOf('alice'),
        aliceAlias,
        mailOf('hidden'),
        unknown,
        mailOf('disabled'),
        dc.seed.contacts.partner.mail,
        dc.seed.groups.sales.mail!,
      ],
    });
    expect(emails(r)).toEqual([mailOf('alice'), mailOf('hidden')]);
    expect(r.mailboxes.find((m) => m.email === mailOf('hidden'))?.hiddenFromAddressLists).toBe(true);
    expect(skipped(r)).toEqual({
      [unknown]: 'not found',
      [mailOf('disabled')]: 'account disabled',
      [dc.seed.contacts.partner.mail]: 'contact',
      [dc.seed.groups.sales.mail!]: 'not a user',
    });
    expect(r.skipped.find((s) => s.reason === 'not a user')?.detail).toMatch(
      /is a group: use a group target/,
    );
  });

  it('refuses a single unknown mailbox with the address in the error', async () => {
    const unknown = `ghost-${dc.seed.runId}@example.test`;
    const attempt = directory('in-chain').resolve({ kind: 'mailbox', email: unknown });
    await expect(attempt).rejects.toBeInstanceOf(EmptyTargetError);
    await expect(attempt).rejects.toThrow(`${unknown}: not found`);
  });
});
