/**
 * The group catalog: a site publishes its directory's groups to the store; "Lookup from AD" then answers
 * from the store alone, ranked like a live lookup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GroupCatalogMissingError,
  createDirectory,
  groupCatalogGenerationsRoot,
  groupCatalogManifestKey,
  legacyGroupCatalogKey,
  publishGroupCatalog,
  readGroupCatalog,
  searchGroupCatalog,
  type SiteDirectory,
} from '../../../engine/adapters/directory/index.ts';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import { InputError } from '../../../engine/errors/index.ts';
import type { KvStore } from '../../../engine/ports/kv-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { adSiteConfig, useSeededDc } from './support/ad-site.ts';

const dc = useSeededDc({ bulkUsers: 40 });
let store: KvStore;
let directory: SiteDirectory;
const clock = { now: () => new Date('2026-11-30T08:00:00Z') };

beforeAll(async () => {
  store = await openStore({ dataDir: tempDir(), namespace: 'catalog-test' });
  directory = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn }));
});
afterAll(async () => store?.close());

describe('publishing', () => {
  it('writes every group with its DN, name, mail, kind, account name and direct member count', async () => {
    const published = await publishGroupCatalog({ site: 'lab-01', directory, store, clock });
    expect(published).toMatchObject({ groups: 10, publishedAt: '2026-11-30T08:00:00.000Z' });
    const catalog = await readGroupCatalog(store, 'lab-01');
    expect(catalog?.groups.map((g) => g.name)).toEqual(
      [...Object.keys(dc.seed.groups)].sort((a, b) => a.localeCompare(b)),
    );
    const byName = Object.fromEntries(catalog!.groups.map((g) => [g.name, g]));
    expect(byName['allStaff']).toEqual({
      dn: dc.seed.groups.allStaff.dn,
      name: 'allStaff',
      kind: 'distribution',
      mail: dc.seed.groups.allStaff.mail,
      accountName: dc.seed.groups.allStaff.sAMAccountName,
      memberCount: 3,
    });
    expect(byName['storage']).toMatchObject({ kind: 'security', memberCount: 4 });
    expect(byName['bulk']).toMatchObject({ memberCount: 40 });
    expect(byName['storage']).not.toHaveProperty('mail');
  });

  it('is runtime keys of the publishing site only', async () => {
    expect(await store.get(groupCatalogManifestKey('lab-01'))).toBeDefined();
    expect(await store.count(groupCatalogGenerationsRoot('lab-01'))).toBeGreaterThan(10);
    expect(await store.get(groupCatalogManifestKey('lab-02'))).toBeUndefined();
    expect(await store.count(groupCatalogGenerationsRoot('lab-02'))).toBe(0);
  });

  it('drops a group removed from AD at the next publish, and leaves no key of the old generation', async () => {
    const dn = `CN=${dc.seed.runId}-leaving,${dc.seed.ouDn}`;
    await dc.admin.add(dn, {
      objectClass: 'group',
      sAMAccountName: `${dc.seed.runId}-leaving`,
      groupType: '8',
    });
    let removed = false;
    try {
      const first = await publishGroupCatalog({ site: 'lab-09', directory, store, clock });
      expect(first.groups).toBe(11);
      const query = `${dc.seed.runId}-leav`;
      expect((await searchGroupCatalog(store, 'lab-09', query)).groups.map((g) => g.dn)).toEqual([dn]);
      await dc.admin.del(dn);
      removed = true;
      const second = await publishGroupCatalog({ site: 'lab-09', directory, store, clock });
      expect(second.groups).toBe(10);
      expect((await searchGroupCatalog(store, 'lab-09', query)).groups).toEqual([]);
      expect((await readGroupCatalog(store, 'lab-09'))?.groups.map((g) => g.dn)).not.toContain(dn);
      const root = groupCatalogGenerationsRoot('lab-09');
      expect(await store.count(root)).toBe(await store.count(`${root}${second.generation}:`));
      expect(await store.count(`${root}${first.generation}:`)).toBe(0);
    } finally {
      if (!removed) await dc.admin.del(dn);
    }
  });
});

describe('"Lookup from AD" from the store', () => {
  it('answers prefix queries like the live directory does', async () => {
    for (const query of [
      'loop',
      'ALL',
      dc.seed.groups.sales.mail!,
      `${dc.seed.runId}-s`,
      `${dc.seed.runId}-`,
      'nothing-here',
    ]) {
      const live = await directory.findGroups(query);
      const stored = await searchGroupCatalog(store, 'lab-01', query);
      expect(
        stored.groups.map((g) => g.dn),
        query,
      ).toEqual(live.map((g) => g.dn));
    }
    const found = await searchGroupCatalog(store, 'lab-01', 'loop', 2);
    expect(found).toMatchObject({ site: 'lab-01', publishedAt: '2026-11-30T08:00:00.000Z' });
    expect(found.groups.map((g) => g.name)).toEqual(['loopA', 'loopB']);
  });

  it('treats filter metacharacters as text and refuses control characters', async () => {
    expect((await searchGroupCatalog(store, 'lab-01', '*')).groups).toEqual([]);
    expect((await searchGroupCatalog(store, 'lab-01', 'loop)(')).groups).toEqual([]);
    await expect(searchGroupCatalog(store, 'lab-01', 'loop\u0000')).rejects.toBeInstanceOf(InputError);
  });

  it('says when a site has not published a catalog, or when it cannot be read', async () => {
    await expect(searchGroupCatalog(store, 'lab-02', 'loop')).rejects.toBeInstanceOf(
      GroupCatalogMissingError,
    );
    await expect(searchGroupCatalog(store, 'lab-02', 'loop')).rejects.toThrow(
      /site lab-02 has not published a group catalog/,
    );
    await store.set(legacyGroupCatalogKey('lab-03'), { groups: 'not a list' });
    await expect(searchGroupCatalog(store, 'lab-03', 'loop')).rejects.toThrow(/cannot be read/);
  });

  it('keeps the previous catalog when publishing fails', async () => {
    const down = createDirectory(
      adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, url: 'ldap://127.0.0.1:1' }),
    );
    await expect(publishGroupCatalog({ site: 'lab-01', directory: down, store, clock })).rejects.toThrow(
      /cannot be reached/,
    );
    expect((await readGroupCatalog(store, 'lab-01'))?.groups).toHaveLength(10);
  });
});
