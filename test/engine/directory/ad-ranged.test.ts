/**
 * A 3,000-member group on the real DC, resolved through the recursive walk's ranged retrieval of
 * `member` (several `member;range=<low>-<high>` rounds, continued from the range the DC says it served
 * until it marks the last one with `*`) and through the in-chain rule with paged search.
 */
import { describe, expect, it } from 'vitest';
import { DirectoryCancelledError, createDirectory } from '../../../engine/adapters/directory/index.ts';
import type { Target } from '../../../engine/domain/target.ts';
import { adSiteConfig, useSeededDc } from './support/ad-site.ts';
import { recordingConnections } from './support/recording-connection.ts';

const BULK = 3000;
const dc = useSeededDc({ bulkUsers: BULK });
const bulkTarget = (): Target => ({
  kind: 'ad-group',
  dn: dc.seed.groups.bulk.dn,
  groupKind: 'distribution',
});
const expected = () => dc.seed.bulkUsers.map((u) => u.mail!).sort();

describe('a 3,000-member group', () => {
  it.each([
    [1000, ['0-999', '1000-1999', '2000-2999']],
    [1500, ['0-1499', '1500-2999']],
  ])('is read in ranges of %i member values through the recursive walk', async (rangeWindow, requested) => {
    const recorder = recordingConnections();
    const loaded = adSiteConfig(dc.target, {
      baseDn: dc.seed.ouDn,
      expansion: 'recursive',
      groupSoftLimit: 5000,
    });
    const d = createDirectory(loaded, undefined, {
      activeDirectory: { rangeWindow, createConnection: recorder.create },
    });
    const r = await d.resolve(bulkTarget());
    expect(r.mailboxes.map((m) => m.email)).toEqual(expected());
    expect(r.skipped).toEqual([]);

    const ranged = recorder.searches.filter((s) => s.attributes.some((a) => a.startsWith('member;range=')));
    expect(ranged.map((s) => s.attributes[0])).toEqual(requested.map((range) => `member;range=${range}`));
    // The DC served each range under its own name; the last one ends in "*".
    const served = ranged.map(
      (s) =>
        s.answered.find((a) => /^member;range=\d+-(\d+|\*)$/.test(a) && a !== s.attributes[0]) ??
        s.attributes[0],
    );
    expect(served.at(-1)).toMatch(/^member;range=\d+-\*$/);
    expect(served.slice(0, -1).every((a) => !a!.endsWith('*'))).toBe(true);
  });

  it('gives the same mailboxes through the in-chain rule, a page of 500 at a time', async () => {
    const recorder = recordingConnections();
    const loaded = adSiteConfig(dc.target, {
      baseDn: dc.seed.ouDn,
      expansion: 'in-chain',
      groupSoftLimit: 5000,
    });
    const d = createDirectory(loaded, undefined, { activeDirectory: { createConnection: recorder.create } });
    const r = await d.resolve(bulkTarget());
    expect(r.mailboxes.map((m) => m.email)).toEqual(expected());
    // Six full pages; the DC may close the paged search with one more, empty page.
    expect(recorder.pages).toBeGreaterThanOrEqual(BULK / 500);
    expect(recorder.pages).toBeLessThanOrEqual(BULK / 500 + 1);
  });

  it('warns that the group is far over the soft limit', async () => {
    const d = createDirectory(adSiteConfig(dc.target, { baseDn: dc.seed.ouDn, expansion: 'recursive' }));
    const r = await d.resolve(bulkTarget());
    expect(r.warnings).toEqual([
      expect.stringMatching(/resolves to 3000 mailboxes, more than the soft limit of 300/),
    ]);
  });
});

/**
 * A cancelled run must not wait for its target's resolution: the signal aborts the request in flight
 * (the connection is closed, so the DC abandons it) and stops the walk between pages and nested steps.
 */
describe('cancelling the resolution of a 3,000-member group', () => {
  function cancellingDirectory(
    expansion: 'in-chain' | 'recursive',
    abortWhen: (kind: 'search' | 'page', n: number) => boolean,
    membershipCacheMinutes = 0,
  ) {
    const controller = new AbortController();
    const seen = { searches: 0, pages: 0, unbinds: 0, afterAbort: 0, abortedAt: 0 };
    const abort = () => {
      seen.abortedAt = performance.now();
      controller.abort();
    };
    const recorder = recordingConnections();
    const create = (options: Parameters<typeof recorder.create>[0]) => {
      const connection = recorder.create(options);
      return {
        ...connection,
        unbind: () => {
          seen.unbinds++;
          return connection.unbind();
        },
        search: (...args: Parameters<typeof connection.search>) => {
          if (controller.signal.aborted) seen.afterAbort++;
          const pending = connection.search(...args);
          // Aborted while this request is in flight, as a cancel from the site would land.
          if (abortWhen('search', ++seen.searches)) setImmediate(abort);
          return pending;
        },
        searchPaginated: async function* (...args: Parameters<typeof connection.searchPaginated>) {
          if (controller.signal.aborted) seen.afterAbort++;
          for await (const page of connection.searchPaginated(...args)) {
            if (abortWhen('page', ++seen.pages)) abort();
            yield page;
          }
        },
      };
    };
    const loaded = adSiteConfig(dc.target, {
      baseDn: dc.seed.ouDn,
      expansion,
      groupSoftLimit: 5000,
      membershipCacheMinutes,
    });
    const directory = createDirectory(loaded, undefined, { activeDirectory: { createConnection: create } });
    return { directory, signal: controller.signal, seen };
  }

  it('rejects at once with directory-cancelled when aborted during a ranged member read (recursive)', async () => {
    const { directory, signal, seen } = cancellingDirectory(
      'recursive',
      (kind, n) => kind === 'search' && n === 3,
    );
    const attempt = directory.resolve(bulkTarget(), { signal });
    await expect(attempt).rejects.toBeInstanceOf(DirectoryCancelledError);
    const ms = performance.now() - seen.abortedAt;
    await expect(attempt).rejects.toMatchObject({ code: 'directory-cancelled', refused: false });
    await expect(attempt).rejects.toThrow(
      `resolving AD distribution group ${dc.seed.groups.bulk.dn} was cancelled`,
    );
    expect(seen.abortedAt).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1000);
    // The connection was closed, and nothing more was asked of the DC.
    expect(seen.unbinds).toBeGreaterThanOrEqual(1);
    expect(seen.afterAbort).toBe(0);
    expect(seen.searches).toBe(3);
  });

  it('stops between pages of the in-chain search, through the membership cache, and caches nothing', async () => {
    const { directory, signal, seen } = cancellingDirectory(
      'in-chain',
      (kind, n) => kind === 'page' && n === 2,
      60,
    );
    const attempt = directory.resolve(bulkTarget(), { signal });
    await expect(attempt).rejects.toMatchObject({ code: 'directory-cancelled' });
    expect(performance.now() - seen.abortedAt).toBeLessThan(1000);
    expect(seen.pages).toBe(2);
    expect(seen.unbinds).toBeGreaterThanOrEqual(1);
    // A cancelled resolution is not cached: the next one reads the whole group from the DC.
    const r = await directory.resolve(bulkTarget());
    expect(r.mailboxes.map((m) => m.email)).toEqual(expected());
    expect(seen.pages).toBeGreaterThanOrEqual(2 + BULK / 500);
  });

  it('refuses at once when the signal is already aborted, without connecting', async () => {
    const { directory, seen } = cancellingDirectory('in-chain', () => false, 60);
    const attempt = directory.resolve(bulkTarget(), { signal: AbortSignal.abort() });
    await expect(attempt).rejects.toBeInstanceOf(DirectoryCancelledError);
    expect(seen.searches + seen.pages).toBe(0);
  });
});
