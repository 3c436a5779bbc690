import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteEventLog, openStore, type KvStore, type StoredSiteEvent } from '../../engine/index.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/exsync.mjs');
const dataDir = tempDir();
const env = { EXSYNC_DATA_DIR: dataDir, EXSYNC_ADMIN: 'alice@contoso.com', LOG_LEVEL: 'silent' };
const cli = (args: string[], stdin?: string) => runCli(args, { env, stdin });
const LINE = /^#(\d+) (\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ) ([a-z-]+) (.+)$/;

/** The site writes its feed in this (the test's) process; the CLI reads it in its own. */
let store: KvStore;
let site: SiteEventLog;
let appended: StoredSiteEvent[] = [];

beforeAll(async () => {
  expect((await cli(['site', 'create'], '{"code": "lon-01"}')).code).toBe(0);
  store = await openStore({ dataDir });
  site = new SiteEventLog(store, 'lon-01');
  appended = [];
  appended.push(await site.append({ type: 'site-started', version: '0.1.0', host: 'lon-host', pid: 4242 }));
  appended.push(
    await site.append({
      type: 'run-started',
      taskId: 't1',
      taskName: 'Nightly',
      runId: 'r1',
      trigger: 'manual',
      requestedBy: 'bob@contoso.com',
    }),
  );
  appended.push(
    await site.append({
      type: 'run-finished',
      taskId: 't1',
      taskName: 'Nightly',
      runId: 'r1',
      outcome: 'partial',
      counts: { total: 3, done: 2, failed: 1, skipped: 0, waiting: 0 },
      reason: '1 mailbox failed',
      durationMs: 12_300,
    }),
  );
});
afterAll(async () => store.close());

describe('exsync site events', () => {
  it('prints one line per event: #seq time type summary', { timeout: 60_000 }, async () => {
    const r = await cli(['site', 'events', 'LON-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // The time is the stored one, to the second, in UTC.
    expect(lines.map((l) => LINE.exec(l)?.slice(1, 4))).toEqual(
      appended.map((e) => [String(e.seq), `${e.at.slice(0, 10)} ${e.at.slice(11, 19)}Z`, e.type]),
    );
    expect(appended.map((e) => e.type)).toEqual(['site-started', 'run-started', 'run-finished']);
    expect(lines[0]).toMatch(/ site-started Site started: version 0\.1\.0 on lon-host \(pid 4242\)$/);
    expect(lines[1]).toMatch(
      / run-started Run of "Nightly" started \(run now by bob@contoso\.com\), run r1$/,
    );
    expect(lines[2]).toMatch(
      / run-finished Run of "Nightly" partial in 12\.3 s: 2\/3 done, 1 failed, 0 skipped — 1 mailbox failed$/,
    );
  });

  it(
    'prints one JSON object per line with --json, from --after, at most --limit',
    { timeout: 60_000 },
    async () => {
      const r = await cli(['site', 'events', 'lon-01', '--after', '1', '--limit', '1', '--json']);
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      const event = JSON.parse(lines[0] ?? '') as StoredSiteEvent;
      expect(event).toMatchObject({
        seq: 2,
        site: 'lon-01',
        type: 'run-started',
        requestedBy: 'bob@contoso.com',
      });
      // --limit without --after: the newest n.
      const newest = await cli(['site', 'events', 'lon-01', '--limit', '2', '--json']);
      expect(
        newest.stdout
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as StoredSiteEvent).seq),
      ).toEqual([2, 3]);
    },
  );

  it('refuses an unknown site and bad numbers with exit 2 and one line', { timeout: 60_000 }, async () => {
    for (const [args, message] of [
      [['site', 'events', 'nyc-01'], /site.*nyc-01/],
      [['site', 'events', 'lon-01', '--after', '-1'], /--after: "-1" is not a whole number/],
      [['site', 'events', 'lon-01', '--limit', '0'], /--limit: "0" is not a whole number of 1 or more/],
    ] as const) {
      const r = await cli([...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('follows: prints events as the site appends them, until Ctrl-C', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'site', 'events', 'lon-01', '--after', '2', '--follow'], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let changed: () => void = () => {};
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      changed();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const printed = async (seq: number) => {
      while (!stdout.split('\n').some((l) => l.startsWith(`#${seq} `)))
        await new Promise<void>((resolve) => (changed = resolve));
    };

    await printed(3);
    const alert = await site.append({ type: 'alert', level: 'error', message: 'Site lost its store' });
    await printed(alert.seq);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((l) => LINE.exec(l)?.[1])).toEqual(['3', '4']);
    expect(lines[1]).toMatch(/ alert ERROR: Site lost its store$/);
  });
});
