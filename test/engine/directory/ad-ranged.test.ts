/**
 * A 3,000-member group on the real DC, resolved through the recursive walk's ranged retrieval of
 * `member` (several `member;range=<low>-<high>` rounds, continued from the range the DC says it served
 * until it marks the last one with `*`) and through the in-chain rule with paged search.
 */
import { describe, expect, it } from 'vitest';
import { createDirectory } from '../../../engine/adapters/directory/index.ts';
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
