import { afterEach, describe, expect, it } from 'vitest';
import {
  InputError,
  SiteEventLog,
  createServices,
  type KvStore,
  type ReadSiteEvent,
  type SiteEvent,
} from '../../../engine/index.ts';
import { siteEventKey } from '../../../engine/store/keys.ts';
import { freshNamespace, storeBackends } from '../../helpers/store-backends.ts';

const SITE = 'lon-01';
const log = (message: string): SiteEvent => ({ type: 'log', level: 'info', message });
const seqs = (events: readonly ReadSiteEvent[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Collects what a follower yields, and lets a test wait until it has seen a given seq. */
function collect(events: AsyncGenerator<ReadSiteEvent, void>) {
  const seen: { event: ReadSiteEvent; at: number }[] = [];
  let wake: () => void = () => {};
  const done = (async () => {
    for await (const event of events) {
      seen.push({ event, at: performance.now() });
      wake();
    }
  })();
  const until = async (seq: number) => {
    while (!seen.some((s) => s.event.seq >= seq)) await new Promise<void>((resolve) => (wake = resolve));
    return seen.find((s) => s.event.seq === seq);
  };
  return { seen, until, done };
}

/** The real store, except that its next `list` fails once, as during a database restart. */
function listFailsOnce(store: KvStore): KvStore {
  let failed = false;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'list' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!failed) {
          failed = true;
          return Promise.reject(new Error('terminating connection due to administrator command'));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe.each(storeBackends())('SiteEventService on $name', (backend) => {
  const opened: KvStore[] = [];
  const open = async (namespace: string) => {
    const store = await backend.open(namespace);
    opened.push(store);
    return store;
  };
  const stops: AbortController[] = [];
  afterEach(async () => {
    stops.splice(0).forEach((s) => s.abort());
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const stopper = () => {
    const stop = new AbortController();
    stops.push(stop);
    return stop;
  };

  /** A site writing on one connection, and the services of a reader on another. */
  async function siteAndReader(count = 0) {
    const namespace = freshNamespace();
    const site = new SiteEventLog(await open(namespace), SITE);
    for (let i = 1; i <= count; i++) await site.append(log(`m${i}`));
    const reader = createServices(await open(namespace)).siteEvents;
    return { site, reader, namespace };
  }

  it('reads the events after a seq, oldest first, a page at a time', async () => {
    const { reader } = await siteAndReader(7);
    expect(seqs(await reader.read(SITE))).toEqual(range(1, 7));
    expect(seqs(await reader.read(SITE, { after: 3 }))).toEqual(range(4, 7));
    expect(seqs(await reader.read(SITE, { after: 3, limit: 2 }))).toEqual([4, 5]);
    expect(await reader.read(SITE, { after: 7 })).toEqual([]);
    expect(await reader.read('nyc-01')).toEqual([]);
    const [fourth] = await reader.read(' LON-01 ', { after: 3, limit: 1 });
    expect(fourth).toMatchObject({ seq: 4, site: SITE, type: 'log', level: 'info', message: 'm4' });
  });

  it('reads the newest events, oldest first', async () => {
    const { reader } = await siteAndReader(7);
    expect(seqs(await reader.latest(SITE, { limit: 3 }))).toEqual([5, 6, 7]);
    expect(seqs(await reader.latest(SITE))).toEqual(range(1, 7));
  });

  it('follows: sees an event another connection appends within a second', async () => {
    const { site, reader } = await siteAndReader(2);
    const stop = stopper();
    const follower = collect(reader.follow(SITE, { signal: stop.signal }));
    await follower.until(2);
    // Let the follower settle into polling, then append from the site's own connection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const appended = await site.append(log('new'));
    const appendedAt = performance.now();
    const seen = await follower.until(appended.seq);
    expect(seen?.at ?? Infinity).toBeLessThan(appendedAt + 1_000);
    stop.abort();
    await follower.done;
    expect(seqs(follower.seen.map((s) => s.event))).toEqual([1, 2, 3]);
  });

  it('resumes after a given seq, across reader restarts, without repeats or gaps', async () => {
    const { site, reader, namespace } = await siteAndReader(10);
    const first = stopper();
    const a = collect(reader.follow(SITE, { after: 4, pollMs: 50, signal: first.signal }));
    // Appends while the follower reads and polls.
    for (let i = 11; i <= 30; i++) {
      await site.append(log(`m${i}`));
      if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await a.until(30);
    first.abort();
    await a.done;
    const lastSeen = a.seen.at(-1)?.event.seq ?? 0;
    expect(seqs(a.seen.map((s) => s.event))).toEqual(range(5, 30));

    // The reader restarts (a new process: new connection, new service) and resumes after what it saw.
    for (let i = 31; i <= 35; i++) await site.append(log(`m${i}`));
    const again = createServices(await open(namespace)).siteEvents;
    const second = stopper();
    const b = collect(again.follow(SITE, { after: lastSeen, pollMs: 50, signal: second.signal }));
    await site.append(log('m36'));
    await b.until(36);
    second.abort();
    await b.done;
    expect(seqs(b.seen.map((s) => s.event))).toEqual(range(31, 36));
  });

  it('follows through a backlog larger than one read without stopping to poll', async () => {
    const { reader } = await siteAndReader(1_250);
    const stop = stopper();
    // A poll interval far beyond the test's timeout: reaching 1,250 proves the reader did not wait.
    const follower = collect(reader.follow(SITE, { pollMs: 600_000, signal: stop.signal }));
    await follower.until(1_250);
    stop.abort();
    await follower.done;
    expect(seqs(follower.seen.map((s) => s.event))).toEqual(range(1, 1_250));
  });

  it('hands over an event from a newer exsync as unrecognised and moves past it', async () => {
    const { site, reader, namespace } = await siteAndReader(1);
    const writer = await open(namespace);
    await writer.set(siteEventKey(SITE, 2), {
      seq: 2,
      at: '2027-01-01T00:00:00.000Z',
      site: SITE,
      type: 'quota-warning',
      mailbox: 'a@contoso.com',
    });
    // A newer writer's extra field on a known event is dropped, not refused.
    await writer.set(siteEventKey(SITE, 3), {
      seq: 3,
      at: '2027-01-01T00:00:01.000Z',
      site: SITE,
      type: 'log',
      level: 'warn',
      message: 'm3',
      origin: 'worker-7',
    });
    await site.append(log('m4'));
    const events = await reader.read(SITE, { after: 1 });
    expect(events).toEqual([
      {
        seq: 2,
        at: '2027-01-01T00:00:00.000Z',
        site: SITE,
        type: 'unrecognised',
        originalType: 'quota-warning',
        data: expect.objectContaining({ mailbox: 'a@contoso.com' }) as unknown,
      },
      { seq: 3, at: '2027-01-01T00:00:01.000Z', site: SITE, type: 'log', level: 'warn', message: 'm3' },
      // The site's next seq was taken behind its back; it re-read the newest and appended after it.
      expect.objectContaining({ seq: 4, message: 'm4' }) as unknown,
    ]);
  });

  it('keeps following when a poll fails and onError is given; ends with the error otherwise', async () => {
    const namespace = freshNamespace();
    const site = new SiteEventLog(await open(namespace), SITE);
    await site.append(log('m1'));
    const errors: unknown[] = [];
    const stop = stopper();
    const tolerant = createServices(listFailsOnce(await open(namespace))).siteEvents;
    const follower = collect(
      tolerant.follow(SITE, { pollMs: 50, signal: stop.signal, onError: (e) => errors.push(e) }),
    );
    await follower.until(1);
    await site.append(log('m2'));
    await follower.until(2);
    stop.abort();
    await follower.done;
    expect(seqs(follower.seen.map((s) => s.event))).toEqual([1, 2]);
    expect(errors).toHaveLength(1);

    const strict = createServices(listFailsOnce(await open(namespace))).siteEvents;
    const next = strict.follow(SITE, { signal: stopper().signal });
    await expect(next.next()).rejects.toThrow('administrator command');
  });

  it('refuses a bad site code, seq, limit or poll interval', async () => {
    const { reader } = await siteAndReader();
    await expect(reader.read('lon 01')).rejects.toThrow(InputError);
    await expect(reader.read(SITE, { after: -1 })).rejects.toThrow('after: -1 is not an event number');
    await expect(reader.read(SITE, { after: 1.5 })).rejects.toThrow(InputError);
    await expect(reader.read(SITE, { limit: 0 })).rejects.toThrow('limit: 0 is not a whole number');
    await expect(reader.latest(SITE, { limit: 1_001 })).rejects.toThrow(InputError);
    const follow = reader.follow(SITE, { pollMs: 0, signal: stopper().signal });
    await expect(follow.next()).rejects.toThrow(InputError);
  });

  it('ends a follow cleanly when its signal aborts while it waits', async () => {
    const { reader } = await siteAndReader(1);
    const stop = stopper();
    const follower = collect(reader.follow(SITE, { pollMs: 600_000, signal: stop.signal }));
    await follower.until(1);
    stop.abort();
    await follower.done;
    expect(seqs(follower.seen.map((s) => s.event))).toEqual([1]);
  });
});
