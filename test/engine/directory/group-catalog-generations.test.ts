/**
 * The sharded group catalog on a real SQLite store: one key per group and per lookup term under a
 * generation, a manifest naming the live one. A publish never shows readers half a catalog, and leaves
 * no key of an older generation behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectoryCancelledError,
  LOOKUP_CANDIDATES,
  groupCatalogGenerationsRoot,
  groupCatalogManifestKey,
  legacyGroupCatalogKey,
  publishGroupCatalog,
  readGroupCatalog,
  searchGroupCatalog,
} from '../../../engine/adapters/directory/index.ts';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import type { DirectoryGroup, GroupCatalogSource } from '../../../engine/ports/directory.ts';
import type { KvStore } from '../../../engine/ports/kv-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let store: KvStore;
beforeAll(async () => {
  store = await openStore({ dataDir: tempDir(), namespace: 'catalog-generations' });
});
afterAll(async () => store?.close());

const group = (name: string, extra: Partial<DirectoryGroup> = {}): DirectoryGroup => ({
  dn: `CN=${name},OU=Groups,DC=example,DC=test`,
  name,
  kind: 'security',
  accountName: name.toLowerCase().replace(/ /g, '.'),
  ...extra,
});
const source = (groups: DirectoryGroup[]): GroupCatalogSource => ({
  listGroups: () => Promise.resolve(groups),
});
const names = (groups: readonly DirectoryGroup[]) => groups.map((g) => g.name);

describe('publishing generations', () => {
  it('writes a key per group and per distinct term, and a republish leaves only the new generation', async () => {
    const site = 'gen-01';
    const first = [
      group('Sales EMEA', { mail: 'sales-emea@example.test' }),
      group('Sales US'),
      group('Finance', { accountName: 'finance' }),
    ];
    const one = await publishGroupCatalog({ site, directory: source(first), store });
    // Sales EMEA: group + name + mail + account = 4; Sales US: 3; Finance: group + one term ("finance").
    expect(await store.count(groupCatalogGenerationsRoot(site))).toBe(4 + 3 + 2);
    expect((await store.get(groupCatalogManifestKey(site)))?.value).toMatchObject({
      site,
      generation: one.generation,
      groups: 3,
    });
    expect(names((await searchGroupCatalog(store, site, 'sales')).groups)).toEqual([
      'Sales EMEA',
      'Sales US',
    ]);

    const second = [group('Sales US'), group('Support')];
    const two = await publishGroupCatalog({ site, directory: source(second), store });
    expect(two.generation).not.toBe(one.generation);
    expect(names((await searchGroupCatalog(store, site, 'sales')).groups)).toEqual(['Sales US']);
    expect(names((await searchGroupCatalog(store, site, 'SALES-EMEA@')).groups)).toEqual([]);
    expect(names((await readGroupCatalog(store, site))!.groups)).toEqual(['Sales US', 'Support']);
    const keys = await store.list(groupCatalogGenerationsRoot(site));
    expect(keys.length).toBe(3 + 2);
    expect(
      keys.every((k) => k.key.startsWith(`${groupCatalogGenerationsRoot(site)}${two.generation}:`)),
    ).toBe(true);
  });

  it('deletes a generation a failed publish left half-written', async () => {
    const site = 'gen-02';
    await store.set(`${groupCatalogGenerationsRoot(site)}0dead:term:ghost\u0001x`, group('Ghost'));
    await store.set(`${groupCatalogGenerationsRoot(site)}zzdead:group:x`, group('Ghost'));
    const published = await publishGroupCatalog({ site, directory: source([group('Alpha')]), store });
    const keys = (await store.list(groupCatalogGenerationsRoot(site))).map((k) => k.key);
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.includes(`:g${published.generation}:`))).toBe(true);
    expect((await searchGroupCatalog(store, site, 'gh')).groups).toEqual([]);
  });

  it('ranks the exact match first however many groups share the prefix', async () => {
    const site = 'gen-03';
    const many = Array.from({ length: LOOKUP_CANDIDATES + 50 }, (_, i) =>
      group(`Team ${String(i).padStart(4, '0')}`, { accountName: `zz-team-${i}` }),
    );
    // Its term key "team\u0001..." sorts before every "team 0..." key, so the capped range read holds it.
    many.push(group('TEAM', { dn: 'CN=TEAM,OU=Other,DC=example,DC=test', accountName: 'team' }));
    await publishGroupCatalog({ site, directory: source(many), store });
    const found = await searchGroupCatalog(store, site, 'team');
    expect(names(found.groups)[0]).toBe('TEAM');
    expect(names(found.groups).slice(1)).toEqual(many.slice(0, 14).map((g) => g.name));
    expect(names((await searchGroupCatalog(store, site, 'team 0249')).groups)).toEqual(['Team 0249']);
  });
});

describe('a publish stopped by its signal (the site is stopping)', () => {
  const site = 'gen-09';
  const many = (label: string) =>
    Array.from({ length: 400 }, (_, i) => group(`${label} ${String(i).padStart(3, '0')}`));
  /** The store, aborting `controller` at the first call of `what`, after `after` such calls went through. */
  const aborting = (controller: AbortController, what: 'set' | 'delete', after: number): KvStore => {
    let calls = 0;
    const hit = () => {
      if (++calls > after) controller.abort();
    };
    return {
      ...store,
      location: store.location,
      get: (key) => store.get(key),
      list: (prefix, options) => store.list(prefix, options),
      count: (prefix) => store.count(prefix),
      set: (key, value) => {
        if (what === 'set') hit();
        return store.set(key, value);
      },
      delete: (key) => {
        if (what === 'delete') hit();
        return store.delete(key);
      },
    };
  };
  const root = groupCatalogGenerationsRoot(site);

  it('before the manifest switch: rejects as cancelled, the previous catalog stays live, the next publish clears the rest', async () => {
    const old = await publishGroupCatalog({ site, directory: source(many('Old')), store });
    const controller = new AbortController();
    const attempt = publishGroupCatalog({
      site,
      directory: source(many('New')),
      store: aborting(controller, 'set', 10),
      signal: controller.signal,
    });
    await expect(attempt).rejects.toBeInstanceOf(DirectoryCancelledError);
    expect((await store.get<{ generation: string }>(groupCatalogManifestKey(site)))?.value.generation).toBe(
      old.generation,
    );
    expect((await searchGroupCatalog(store, site, 'new')).groups).toEqual([]);
    expect((await searchGroupCatalog(store, site, 'old 000')).groups).toHaveLength(1);
    // Written in batches: the batch in flight when the signal fired finished, nothing after it.
    const leftovers = (await store.count(root)) - (await store.count(`${root}${old.generation}:`));
    expect(leftovers).toBeGreaterThan(0);
    expect(leftovers).toBeLessThan(400 * 3);
    const next = await publishGroupCatalog({ site, directory: source(many('Next')), store });
    expect(await store.count(root)).toBe(await store.count(`${root}${next.generation}:`));
  });

  it('after the switch: the new catalog is live, and what was not deleted goes at the next publish', async () => {
    const controller = new AbortController();
    const published = await publishGroupCatalog({
      site,
      directory: source(many('Later')),
      store: aborting(controller, 'delete', 5),
      signal: controller.signal,
    });
    expect((await searchGroupCatalog(store, site, 'later 001')).groups).toHaveLength(1);
    expect(await store.count(root)).toBeGreaterThan(await store.count(`${root}${published.generation}:`));
    const next = await publishGroupCatalog({ site, directory: source(many('Last')), store });
    expect(await store.count(root)).toBe(await store.count(`${root}${next.generation}:`));
  });
});

describe('old single-key catalogs', () => {
  it('are still answered from, and the first sharded publish replaces them', async () => {
    const site = 'gen-04';
    await store.set(legacyGroupCatalogKey(site), {
      site,
      publishedAt: '2026-11-01T00:00:00.000Z',
      elapsedMs: 12,
      groups: [group('Legacy One'), group('Legacy Two')],
    });
    const found = await searchGroupCatalog(store, site, 'legacy t');
    expect(found).toMatchObject({ site, publishedAt: '2026-11-01T00:00:00.000Z' });
    expect(names(found.groups)).toEqual(['Legacy Two']);
    expect(names((await readGroupCatalog(store, site))!.groups)).toEqual(['Legacy One', 'Legacy Two']);
    await publishGroupCatalog({ site, directory: source([group('New One')]), store });
    expect(await store.get(legacyGroupCatalogKey(site))).toBeUndefined();
    expect(names((await searchGroupCatalog(store, site, 'legacy')).groups)).toEqual([]);
    expect(names((await searchGroupCatalog(store, site, 'new')).groups)).toEqual(['New One']);
  });

  it('say when a manifest or an old catalog cannot be read', async () => {
    await store.set(groupCatalogManifestKey('gen-05'), { generation: 42 });
    await expect(searchGroupCatalog(store, 'gen-05', 'x')).rejects.toThrow(
      /group catalog of site gen-05 in the store cannot be read/,
    );
    await store.set(legacyGroupCatalogKey('gen-06'), { groups: 'not a list' });
    await expect(readGroupCatalog(store, 'gen-06')).rejects.toThrow(/cannot be read/);
  });
});

/**
 * Runs a lookup and a full read after every single write and delete of a publish (the store below the
 * publisher calls them in between), and checks each answer is the whole old or the whole new catalog.
 */
describe('a reader during a publish', () => {
  it('sees the old or the new catalog after every store write of the publish, never a mix', async () => {
    const site = 'gen-07';
    const old = Array.from({ length: 30 }, (_, i) => group(`Dept ${String(i).padStart(2, '0')}`));
    const fresh = [
      ...old.filter((_, i) => i % 3 !== 0),
      ...Array.from({ length: 10 }, (_, i) => group(`Dept ${String(i).padStart(2, '0')} new`)),
    ];
    await publishGroupCatalog({ site, directory: source(old), store });
    const lookup = async () => names((await searchGroupCatalog(store, site, 'dept 0', 15)).groups).join('|');
    const all = async () => names((await readGroupCatalog(store, site))!.groups).join('|');
    const before = { lookup: await lookup(), all: await all() };

    const seen = { lookup: new Set<string>(), all: new Set<string>(), probes: 0 };
    const probe = async () => {
      seen.probes++;
      seen.lookup.add(await lookup());
      seen.all.add(await all());
    };
    const watched: KvStore = {
      ...store,
      location: store.location,
      get: (key) => store.get(key),
      list: (prefix, options) => store.list(prefix, options),
      count: (prefix) => store.count(prefix),
      set: async (key, value) => {
        await store.set(key, value);
        await probe();
      },
      delete: async (key) => {
        const deleted = await store.delete(key);
        await probe();
        return deleted;
      },
    };
    await publishGroupCatalog({ site, directory: source(fresh), store: watched });
    const after = { lookup: await lookup(), all: await all() };

    expect(after.lookup).not.toBe(before.lookup);
    expect(seen.probes).toBeGreaterThan(100);
    expect(seen.lookup).toEqual(new Set([before.lookup, after.lookup]));
    expect(seen.all).toEqual(new Set([before.all, after.all]));
  });

  it('reads again when the manifest switches in the middle of its range read', async () => {
    const site = 'gen-08';
    await publishGroupCatalog({ site, directory: source([group('Omega old')]), store });
    let switched = false;
    // The publish lands between the reader's manifest read and its range reads.
    const racing: KvStore = {
      ...store,
      location: store.location,
      get: (key) => store.get(key),
      count: (prefix) => store.count(prefix),
      list: async (prefix, options) => {
        if (!switched && prefix.includes(':term:')) {
          switched = true;
          await publishGroupCatalog({ site, directory: source([group('Omega new')]), store });
        }
        return store.list(prefix, options);
      },
    };
    const found = await searchGroupCatalog(racing, site, 'omega');
    expect(switched).toBe(true);
    expect(names(found.groups)).toEqual(['Omega new']);
  });
});
