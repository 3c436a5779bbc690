import { afterEach, describe, expect, it } from 'vitest';
import type { KvStore } from '../../../engine/ports/kv-store.ts';
import { SITE_EVENT_MAX_PENDING, SiteEventLog } from '../../../engine/site/site-event-log.ts';
import { siteEventKey, siteEventPrefix } from '../../../engine/store/keys.ts';
import type { SiteEvent, StoredSiteEvent } from '../../../engine/domain/site-event.ts';
import { freshNamespace, storeBackends } from '../../helpers/store-backends.ts';

const SITE = 'lon-01';
const log = (message: string): SiteEvent => ({ type: 'log', level: 'info', message });

/** A clock the test sets by hand. */
function settableClock(start: string) {
  let now = new Date(start);
  return { now: () => new Date(now), set: (iso: string) => (now = new Date(iso)) };
}

/** The real store, except that the next `method` call fails once, as a dropped connection would. */
function failOnce(store: KvStore, method: 'createIfAbsent' | 'list'): KvStore {
  let failed = false;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!failed) {
          failed = true;
          return Promise.reject(new Error('connection reset'));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The real store, except that writes wait until `open()` is called, as behind a long lock. */
function stalledWrites(store: KvStore) {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const stalled = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'createIfAbsent' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await gate;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { stalled, open };
}

describe.each(storeBackends())('SiteEventLog on $name', (backend) => {
  const opened: KvStore[] = [];
  const open = async (namespace: string) => {
    const store = await backend.open(namespace);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const stored = async (store: KvStore) =>
    (await store.list<StoredSiteEvent>(siteEventPrefix(SITE))).map((e) => e.value);

  it('appends events with seq 1, 2, 3…, the time and the site, under zero-padded keys', async () => {
    const store = await open(freshNamespace());
    const clock = settableClock('2026-11-29T10:00:00.000Z');
    const events = new SiteEventLog(store, SITE, clock);
    const first = await events.append({
      type: 'site-started',
      version: '0.1.0',
      host: 'lon-host',
      pid: 4242,
    });
    clock.set('2026-11-29T10:00:01.500Z');
    const second = await events.append({
      type: 'run-started',
      taskId: 't1',
      taskName: 'Nightly',
      runId: 'r1',
      trigger: 'manual',
      requestedBy: 'alice@contoso.com',
    });
    expect(first).toEqual({
      seq: 1,
      at: '2026-11-29T10:00:00.000Z',
      site: SITE,
      type: 'site-started',
      version: '0.1.0',
      host: 'lon-host',
      pid: 4242,
    });
    expect(second).toMatchObject({ seq: 2, at: '2026-11-29T10:00:01.500Z', type: 'run-started' });
    expect((await store.get(siteEventKey(SITE, 2)))?.key).toBe('runtime:lon-01:event:000000000002');
    expect(await stored(store)).toEqual([first, second]);
  });

  it('gives concurrent appends distinct seqs and stores them in seq order', async () => {
    const store = await open(freshNamespace());
    const events = new SiteEventLog(store, SITE);
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => events.append(log(`m${i}`))));
    // Seq order is append order: the message of seq n is the n-th append.
    expect(results.map((e) => [e.seq, e.type === 'log' && e.message])).toEqual(
      Array.from({ length: 25 }, (_, i) => [i + 1, `m${i}`]),
    );
    expect((await stored(store)).map((e) => e.seq)).toEqual(results.map((e) => e.seq));
  });

  it('continues the seq after a restart: a new log on a new connection to the same store', async () => {
    const namespace = freshNamespace();
    const before = new SiteEventLog(await open(namespace), SITE);
    for (let i = 0; i < 3; i++) await before.append(log(`before ${i}`));
    const afterRestart = new SiteEventLog(await open(namespace), SITE);
    expect((await afterRestart.append(log('after'))).seq).toBe(4);
    // Another site's feed in the same store has its own seq.
    expect((await new SiteEventLog(await open(namespace), 'lon').append(log('other'))).seq).toBe(1);
  });

  it('never overwrites an event another writer stored under its next seq', async () => {
    const namespace = freshNamespace();
    const a = new SiteEventLog(await open(namespace), SITE);
    await a.append(log('a1'));
    // A second process with the same site code (a refused overlap the lease should prevent).
    const b = new SiteEventLog(await open(namespace), SITE);
    expect((await b.append(log('b1'))).seq).toBe(2);
    expect((await a.append(log('a2'))).seq).toBe(3);
    const messages = (await stored(await open(namespace))).map((e) => e.type === 'log' && e.message);
    expect(messages).toEqual(['a1', 'b1', 'a2']);
  });

  it('throws a failed or invalid append to the caller and carries on with the next one', async () => {
    const namespace = freshNamespace();
    const store = await open(namespace);
    const events = new SiteEventLog(failOnce(store, 'createIfAbsent'), SITE);
    await expect(events.append(log('lost'))).rejects.toThrow('connection reset');
    await expect(events.append({ type: 'log', level: 'loud', message: 'x' } as never)).rejects.toThrow();
    const next = await events.append(log('kept'));
    expect(next.seq).toBe(1);
    expect((await stored(store)).map((e) => e.seq)).toEqual([1]);
  });

  it('refuses new events at once while too many wait for a stalled store, and keeps the waiting ones', async () => {
    const store = await open(freshNamespace());
    const { stalled, open: unstall } = stalledWrites(store);
    const clock = settableClock('2026-11-29T10:00:00.000Z');
    const events = new SiteEventLog(stalled, SITE, clock);
    const waiting = Array.from({ length: SITE_EVENT_MAX_PENDING }, (_, i) => events.append(log(`w${i}`)));
    // The time is taken when the event happens, not when the store finally takes it.
    clock.set('2026-11-29T10:05:00.000Z');
    await expect(events.append(log('one too many'))).rejects.toThrow('events are waiting for the store');
    unstall();
    const written = await Promise.all(waiting);
    expect(written.map((e) => e.seq)).toEqual(
      Array.from({ length: SITE_EVENT_MAX_PENDING }, (_, i) => i + 1),
    );
    expect(new Set(written.map((e) => e.at))).toEqual(new Set(['2026-11-29T10:00:00.000Z']));
    expect(await events.append(log('after'))).toMatchObject({ seq: SITE_EVENT_MAX_PENDING + 1 });
  });

  it('prunes events older than the cut-off, page by page, and keeps the newer ones', async () => {
    const store = await open(freshNamespace());
    const clock = settableClock('2026-11-01T00:00:00.000Z');
    const events = new SiteEventLog(store, SITE, clock);
    // More old events than one prune page (500), so the loop must page on.
    for (let i = 0; i < 1_100; i++) await events.append(log(`old ${i}`));
    clock.set('2026-11-20T00:00:00.000Z');
    for (let i = 0; i < 3; i++) await events.append(log(`new ${i}`));
    expect(await events.prune(new Date('2026-11-10T00:00:00.000Z'))).toBe(1_100);
    expect((await stored(store)).map((e) => e.seq)).toEqual([1_101, 1_102, 1_103]);
    expect(await events.prune(new Date('2026-11-10T00:00:00.000Z'))).toBe(0);
    expect((await events.append(log('next'))).seq).toBe(1_104);
  });

  it('keeps the newest event when all are old, so the seq survives a restart', async () => {
    const namespace = freshNamespace();
    const store = await open(namespace);
    const events = new SiteEventLog(store, SITE, settableClock('2026-11-01T00:00:00.000Z'));
    for (let i = 0; i < 4; i++) await events.append(log(`old ${i}`));
    expect(await events.prune(new Date('2026-12-01T00:00:00.000Z'))).toBe(3);
    expect((await stored(store)).map((e) => e.seq)).toEqual([4]);
    const restarted = new SiteEventLog(await open(namespace), SITE);
    expect((await restarted.append(log('after restart'))).seq).toBe(5);
  });
});
