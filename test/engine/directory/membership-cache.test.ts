/**
 * The site's membership cache (MSE: one hour): shared through the store by every worker of a site,
 * bypassed on demand, expired by its TTL, and never in the way when the store fails.
 */
import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectory, membershipCachePrefix } from '../../../engine/adapters/directory/index.ts';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import type { Target } from '../../../engine/domain/target.ts';
import type { KvStore } from '../../../engine/ports/kv-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { adSiteConfig, useSeededDc } from './support/ad-site.ts';

const dc = useSeededDc();
let store: KvStore;
let now = Date.parse('2026-11-30T08:00:00Z');
const clock = { now: () => new Date(now) };

beforeAll(async () => {
  store = await openStore({ dataDir: tempDir(), namespace: 'cache-test' });
});
afterAll(async () => store?.close());

const loopA = (): Target => ({ kind: 'ad-group', dn: dc.seed.groups.loopA.dn, groupKind: 'security' });
const worker = (options: { store?: KvStore; minutes?: number } = {}) =>
  createDirectory(
    adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, membershipCacheMinutes: options.minutes ?? 60 }),
    undefined,
    {
      clock,
      ...(options.store ? { store: options.store } : {}),
    },
  );
const count = async (d: ReturnType<typeof worker>, refresh = false) =>
  (await d.resolve(loopA(), { refresh })).mailboxes.length;

async function changeMembership(operation: 'add' | 'delete', userDn: string): Promise<void> {
  await dc.admin.modify(
    dc.seed.groups.loopA.dn,
    new Change({ operation, modification: new Attribute({ type: 'member', values: [userDn] }) }),
  );
}

describe('in the store', () => {
  it('is shared by the workers of a site, refreshed on demand, and re-read after the TTL', async () => {
    const first = worker({ store });
    const second = worker({ store });
    expect(await count(first)).toBe(3);
    await changeMembership('add', dc.seed.users.alice.dn);
    try {
      expect(await count(second)).toBe(3); // the first worker's answer, from the store
      expect(await count(second, true)).toBe(4); // refresh reads AD and replaces the cached answer
      expect(await count(first)).toBe(4);
      await changeMembership('delete', dc.seed.users.alice.dn);
      now += 59 * 60_000;
      expect(await count(first)).toBe(4);
      now += 2 * 60_000;
      expect(await count(first)).toBe(3);
    } finally {
      await changeMembership('delete', dc.seed.users.alice.dn).catch(() => undefined);
    }
    const keys = (await store.list(membershipCachePrefix('lab-01'))).map((e) => e.key);
    expect(keys).toHaveLength(1);
  });

  it('keeps a resolution readable when the store fails, and logs instead of failing the run', async () => {
    const broken: KvStore = {
      location: 'broken',
      get: () => Promise.reject(new Error('database is locked')),
      list: () => Promise.reject(new Error('database is locked')),
      count: () => Promise.reject(new Error('database is locked')),
      set: () => Promise.reject(new Error('database is locked')),
      createIfAbsent: () => Promise.reject(new Error('database is locked')),
      replaceIf: () => Promise.reject(new Error('database is locked')),
      deleteIf: () => Promise.reject(new Error('database is locked')),
      delete: () => Promise.reject(new Error('database is locked')),
      close: () => Promise.resolve(),
    };
    expect(await count(worker({ store: broken }))).toBe(3);
  });
});

describe('in process memory', () => {
  it('serves one directory object from memory and does not reach another', async () => {
    const a = worker();
    const b = worker();
    expect(await count(a)).toBe(3);
    await changeMembership('add', dc.seed.users.bob.dn);
    try {
      expect(await count(a)).toBe(3);
      expect(await count(b)).toBe(4);
      expect(await count(a, true)).toBe(4);
    } finally {
      await changeMembership('delete', dc.seed.users.bob.dn);
    }
  });

  it('is off with membershipCacheMinutes: 0', async () => {
    const d = worker({ minutes: 0, store });
    expect(await count(d)).toBe(3);
    await changeMembership('add', dc.seed.users.carol.dn);
    try {
      expect(await count(d)).toBe(4);
    } finally {
      await changeMembership('delete', dc.seed.users.carol.dn);
    }
  });
});
