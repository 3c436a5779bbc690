import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sqlite3 from 'sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord, TaskStatus } from '../../../engine/index.ts';
import type { StoreOptions } from '../../../engine/adapters/store/open-store.ts';
import { runPrefix, taskStatusKey } from '../../../engine/store/keys.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import {
  ADMIN,
  eventually,
  seedTask,
  startSite,
  writeSiteConfig,
  type Harness,
} from './fixtures/site-harness.ts';
import { freePort } from '../../helpers/free-port.ts';

const run = promisify(execFile);
const infra = path.resolve(import.meta.dirname, '../../infra');

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const runsOf = async (h: Harness, taskId: string) =>
  (await h.store.list<RunRecord>(runPrefix('lon-01', taskId))).map((e) => e.value);
const statusOf = async (h: Harness, taskId: string) =>
  (await h.store.get<TaskStatus>(taskStatusKey('lon-01', taskId)))?.value;

/** Waits until `count` runs have ended and the status no longer shows one in progress. */
const ended = (h: Harness, taskId: string, count: number) =>
  eventually(
    async () => {
      const done = (await runsOf(h, taskId)).filter((r) => r.state !== 'running');
      const s = await statusOf(h, taskId);
      return done.length >= count && s && !s.currentRun && s.state !== 'Running' ? done : undefined;
    },
    60_000,
    `${count} run(s) to end`,
  );

async function runOnce(h: Harness, taskId: string): Promise<void> {
  await h.services.taskCommands.runNow(taskId, ADMIN);
  await h.site.poll();
}

/** Six mailboxes of 300 ms each, one at a time: about two seconds of work with a store write per mailbox. */
const EMAILS = Array.from({ length: 6 }, (_, i) => `slow-30${i}@contoso.com`);

describe('store outages do not crash a site or wedge a task', { timeout: 120_000 }, () => {
  it('SQLite busy (another process holds the write lock past the busy timeout) during a run', async () => {
    const dataDir = tempDir();
    const storeOptions: StoreOptions = { dataDir, sqliteBusyTimeoutMs: 100 };
    harness = await startSite(dataDir, writeSiteConfig(dataDir, { maxParallelMailboxes: 1 }), {
      storeOptions,
    });
    const h = harness;
    const taskId = await seedTask(h.services, EMAILS);
    await h.site.poll();
    await runOnce(h, taskId);
    await eventually(async () => ((await statusOf(h, taskId))?.currentRun ? true : undefined));

    // Another process takes the database's write lock and keeps it for 2.5 s.
    const db = new sqlite3.Database(path.join(dataDir, 'exsync.sqlite'));
    const exec = (sql: string) =>
      new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
    await exec('BEGIN EXCLUSIVE');
    await new Promise((r) => setTimeout(r, 2_500));
    await exec('COMMIT');
    await new Promise<void>((resolve) => db.close(() => resolve()));

    const [first] = await ended(h, taskId, 1);
    // However it ended, it ended: not left Running, with an outcome and per-mailbox results.
    expect(['succeeded', 'partial', 'failed']).toContain(first?.state);
    await runOnce(h, taskId);
    const after = await ended(h, taskId, 2);
    expect(after.map((r) => r.state)).toContain('succeeded');
  });

  describe('PostgreSQL restarted', () => {
    let pgDir = '';
    let url = '';
    beforeAll(async () => {
      // A server of this test's own: the shared one serves the other test files meanwhile.
      const parent = mkdtempSync(path.join(tmpdir(), 'exsync-pg-restart-'));
      chmodSync(parent, 0o755);
      pgDir = path.join(parent, 'pg');
      const { stdout } = await run('bash', [
        path.join(infra, 'postgres-up.sh'),
        pgDir,
        String(await freePort()),
      ]);
      url = stdout.trim();
    });
    afterAll(async () => {
      await run('bash', [path.join(infra, 'postgres-down.sh'), pgDir]);
      rmSync(path.dirname(pgDir), { recursive: true, force: true });
    });
    const restart = () => run('bash', [path.join(infra, 'postgres-restart.sh'), pgDir, '1']);

    it('while the site is idle and again during a run: the site lives on and the run ends cleanly', async () => {
      const dataDir = tempDir();
      const storeOptions: StoreOptions = { dataDir: '/nonexistent', url, namespace: 'outage' };
      harness = await startSite(dataDir, writeSiteConfig(dataDir, { maxParallelMailboxes: 1 }), {
        storeOptions,
      });
      const h = harness;
      const taskId = await seedTask(h.services, EMAILS);
      await h.site.poll();

      // Idle: every pooled connection is terminated; without an 'error' listener Node would exit here.
      await restart();
      await new Promise((r) => setTimeout(r, 1_000));
      await runOnce(h, taskId).catch(() => runOnce(h, taskId));
      await eventually(async () => ((await statusOf(h, taskId))?.currentRun ? true : undefined));

      // During the run.
      await restart();
      const [first] = await ended(h, taskId, 1);
      expect(['succeeded', 'partial', 'failed']).toContain(first?.state);

      await runOnce(h, taskId);
      const after = await ended(h, taskId, 2);
      expect(after.map((r) => r.state)).toContain('succeeded');
    });
  });
});
