/**
 * "Lookup from AD" against the real DC: prefix search on name, mail and sAMAccountName, kinds, the
 * 15-result cap, and filter-injection attempts that must find nothing extra and raise only the expected
 * typed errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DnMalformedError,
  GroupNotFoundError,
  createDirectory,
  type SiteDirectory,
} from '../../../engine/adapters/directory/index.ts';
import { InputError } from '../../../engine/errors/index.ts';
import { adSiteConfig, useSeededDc } from './support/ad-site.ts';

const dc = useSeededDc();
let directory: SiteDirectory;
/** A group whose name holds every filter metacharacter, so escaping is shown to match it exactly. */
const ODD_NAME = 'R&D (EMEA) *\\ ops';

beforeAll(async () => {
  directory = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn }));
  const add = (cn: string, groupType: string) =>
    dc.admin.add(`CN=${cn.replace(/\\/g, '\\\\')},${dc.seed.ouDn}`, {
      objectClass: 'group',
      sAMAccountName: `${dc.seed.runId}-${cn.replace(/[^a-z0-9]/gi, '').slice(0, 8)}`,
      groupType,
    });
  await add(ODD_NAME, '-2147483646');
  for (let i = 1; i <= 18; i++) await add(`many ${String(i).padStart(2, '0')}`, '2');
});

const names = (groups: { name: string }[]) => groups.map((g) => g.name);

describe('prefix lookup', () => {
  it('matches the name case-insensitively and tells security from distribution groups', async () => {
    expect(await directory.findGroups('LOOP')).toEqual(
      ['loopA', 'loopB', 'loopC'].map((key) => ({
        dn: dc.seed.groups[key as 'loopA'].dn,
        name: key,
        kind: 'security',
        accountName: dc.seed.groups[key as 'loopA'].sAMAccountName,
      })),
    );
    const [allStaff] = await directory.findGroups('allstaff');
    expect(allStaff).toMatchObject({
      name: 'allStaff',
      kind: 'distribution',
      mail: dc.seed.groups.allStaff.mail,
    });
  });

  it('matches mail and sAMAccountName, exact matches first', async () => {
    const byMail = await directory.findGroups(dc.seed.groups.sales.mail!);
    expect(names(byMail)).toEqual(['sales']);
    const byAccount = await directory.findGroups(`${dc.seed.runId}-`);
    expect(names(byAccount)).toHaveLength(15);
    const exact = await directory.findGroups(dc.seed.groups.storage.sAMAccountName);
    expect(names(exact)[0]).toBe('storage');
  });

  it('returns at most 15 groups, in name order, and fewer when asked', async () => {
    const many = await directory.findGroups('many');
    expect(names(many)).toEqual(
      Array.from({ length: 15 }, (_, i) => `many ${String(i + 1).padStart(2, '0')}`),
    );
    expect(await directory.findGroups('many', 3)).toHaveLength(3);
    expect(await directory.findGroups('many', 100)).toHaveLength(15);
  });

  it('finds a name holding filter metacharacters by its literal text', async () => {
    for (const prefix of ['R&D (', 'R&D (EMEA) *', ODD_NAME])
      expect(names(await directory.findGroups(prefix))).toEqual([ODD_NAME]);
  });
});

describe('filter injection', () => {
  it('treats metacharacters in a query as text: nothing extra comes back', async () => {
    for (const attempt of [
      '*',
      '(',
      ')',
      '\\',
      '\\2a',
      '*)(objectClass=*',
      'loop*',
      'loop)(name=*',
      'x)(|(name=*)',
      '*)',
      'many\\',
    ])
      expect({ attempt, found: names(await directory.findGroups(attempt)) }).toEqual({ attempt, found: [] });
  });

  it('refuses a NUL or another control character in a query with an input error', async () => {
    for (const attempt of ['loop\u0000', '\u0000', 'many\n*'])
      await expect(directory.findGroups(attempt)).rejects.toBeInstanceOf(InputError);
    await expect(directory.findGroups('   ')).rejects.toThrow(/query: is empty/);
  });

  it('resolves a crafted but well-formed DN to "group not found", never to other members', async () => {
    const ou = dc.seed.ouDn;
    const crafted = [
      `CN=*,${ou}`,
      `CN=loopA)(memberOf=*,${ou}`,
      `CN=x)(|(objectClass=*),${ou}`,
      `${dc.seed.groups.loopA.dn.replace(/,DC=test$/i, ',DC=test)(objectClass=*')}`,
      `CN=loop\\2a,${ou}`,
    ];
    for (const expansion of ['in-chain', 'recursive'] as const) {
      const d = createDirectory(adSiteConfig(dc.target, { baseDn: ou, expansion }));
      for (const dn of crafted)
        await expect(d.resolve({ kind: 'ad-group', dn, groupKind: 'security' }), dn).rejects.toBeInstanceOf(
          GroupNotFoundError,
        );
    }
  });

  it('refuses a DN that RFC 4514 does not allow, with the DN error and nothing else', async () => {
    const malformed = [
      `CN=a\u0000b,${dc.seed.ouDn}`,
      `CN="x",${dc.seed.ouDn}`,
      `${dc.seed.groups.loopA.dn};x`,
      'loopA',
      '=x',
      'CN=a,,DC=test',
      `CN=<x>,${dc.seed.ouDn}`,
    ];
    for (const dn of malformed)
      await expect(
        directory.resolve({ kind: 'ad-group', dn, groupKind: 'security' }),
        dn,
      ).rejects.toBeInstanceOf(DnMalformedError);
  });

  it('looks up addresses with metacharacters literally', async () => {
    const alice = dc.seed.users.alice.mail!;
    for (const email of [`*${alice.slice(1)}`, `${alice.split('@')[0]}*@example.test`])
      await expect(directory.resolve({ kind: 'mailbox', email })).rejects.toThrow(`${email}: not found`);
  });
});
