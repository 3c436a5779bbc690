import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { KvStore } from '../../../engine/ports/kv-store.ts';

/** Opens a fresh store; two calls with the same `namespace` see the same data over separate connections. */
export type OpenStore = (namespace: string) => Promise<KvStore>;

/**
 * The KvStore contract every backend must meet (keyv's own test-suite idea, applied to our port):
 * run once against SQLite and once against a real PostgreSQL server.
 */
export function describeKvStoreContract(backend: string, open: OpenStore): void {
  describe(`KvStore contract on ${backend}`, () => {
    const opened: KvStore[] = [];
    const fresh = async (namespace = `t${randomUUID().slice(0, 8)}`) => {
      const store = await open(namespace);
      opened.push(store);
      return { store, namespace };
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('returns undefined for a missing key and reads back what was written', async () => {
      const { store } = await fresh();
      expect(await store.get('missing')).toBeUndefined();
      const value = {
        text: 'Grüße 🌍 \u0000 "quoted"',
        n: 1.5,
        list: [1, null, true],
        nested: { deep: 'x'.repeat(100_000) },
      };
      await store.set('task:1', value);
      const read = await store.get<typeof value>('task:1');
      expect(read?.value).toEqual(value);
      expect(read?.key).toBe('task:1');
    });

    it('lists a prefix in key order, treating LIKE wildcards literally', async () => {
      const { store } = await fresh();
      for (const key of ['task:b', 'task:a', 'task_x', 'taskxy', 'schedule:a', 'task%:z'])
        await store.set(key, key);
      expect((await store.list<string>('task:')).map((e) => e.key)).toEqual(['task:a', 'task:b']);
      expect((await store.list<string>('task_')).map((e) => e.key)).toEqual(['task_x']);
      expect((await store.list<string>('task%')).map((e) => e.key)).toEqual(['task%:z']);
    });

    it('lists case-sensitively, in code-point order, in pages from either end, and counts a prefix', async () => {
      const { store } = await fresh();
      const keys = ['run:T:b', 'run:T:a', 'run:t:z', 'run:T:é', 'run:T:😀', 'run:T:Z', 'run:T', 'run:U:a'];
      for (const key of keys) await store.set(key, key);
      const all = ['run:T:Z', 'run:T:a', 'run:T:b', 'run:T:é', 'run:T:😀'];
      expect((await store.list('run:T:')).map((e) => e.key)).toEqual(all);
      expect(await store.count('run:T:')).toBe(5);
      expect(await store.count('run:t:')).toBe(1);
      expect(await store.count('nothing:')).toBe(0);
      const page1 = await store.list('run:T:', { limit: 2 });
      expect(page1.map((e) => e.key)).toEqual(all.slice(0, 2));
      const page2 = await store.list('run:T:', { limit: 2, after: page1.at(-1)!.key });
      expect(page2.map((e) => e.key)).toEqual(all.slice(2, 4));
      expect((await store.list('run:T:', { reverse: true, limit: 2 })).map((e) => e.key)).toEqual([
        'run:T:😀',
        'run:T:é',
      ]);
      expect((await store.list('run:T:', { reverse: true, after: 'run:T:b' })).map((e) => e.key)).toEqual([
        'run:T:a',
        'run:T:Z',
      ]);
      expect(await store.list('run:T:', { limit: 0 })).toEqual([]);
    });

    it('keeps namespaces apart', async () => {
      const a = await fresh();
      const b = await fresh();
      await a.store.set('k', 'a');
      expect(await b.store.get('k')).toBeUndefined();
      expect(await b.store.list('')).toEqual([]);
    });

    it('creates only when absent', async () => {
      const { store } = await fresh();
      expect(await store.createIfAbsent('name:x', { id: 1 })).toBe(true);
      expect(await store.createIfAbsent('name:x', { id: 2 })).toBe(false);
      expect((await store.get('name:x'))?.value).toEqual({ id: 1 });
    });

    it('replaces and deletes only at the revision that was read', async () => {
      const { store } = await fresh();
      await store.set('r', { v: 1 });
      const first = await store.get('r');
      expect(await store.replaceIf('r', first!.revision, { v: 2 })).toBe(true);
      expect(await store.replaceIf('r', first!.revision, { v: 3 })).toBe(false);
      expect(await store.deleteIf('r', first!.revision)).toBe(false);
      const second = await store.get('r');
      expect(second?.value).toEqual({ v: 2 });
      expect(await store.deleteIf('r', second!.revision)).toBe(true);
      expect(await store.get('r')).toBeUndefined();
      expect(await store.replaceIf('r', second!.revision, { v: 4 })).toBe(false);
      expect(await store.delete('r')).toBe(false);
    });

    it('lets exactly one of many concurrent writers win, across connections', async () => {
      const { namespace } = await fresh();
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => fresh(namespace).then((f) => f.store)),
      );
      const created = await Promise.all(
        stores.flatMap((s, i) => [s.createIfAbsent('one', i), s.createIfAbsent('one', i + 10)]),
      );
      expect(created.filter(Boolean)).toHaveLength(1);

      await stores[0]!.set('counter', 0);
      const base = await stores[0]!.get('counter');
      const replaced = await Promise.all(stores.map((s, i) => s.replaceIf('counter', base!.revision, i + 1)));
      expect(replaced.filter(Boolean)).toHaveLength(1);
    });

    it('names its location without a password', async () => {
      const { store } = await fresh();
      expect(store.location).not.toMatch(/:[^:@/]+@/);
    });
  });
}
