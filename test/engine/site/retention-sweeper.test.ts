import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import type { RunMailboxRow, RunRecord } from '../../../engine/domain/run.ts';
import { PlatformStore } from '../../../engine/platform/platform-store.ts';
import type { KvStore } from '../../../engine/ports/kv-store.ts';
import { RetentionSweeper } from '../../../engine/site/retention-sweeper.ts';
import {
  AUDIT_PREFIX,
  auditKey,
  runKey,
  runMailboxKey,
  runMailboxPrefix,
  runPrefix,
  submissionKey,
} from '../../../engine/store/keys.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { RecordingStore } from './fixtures/recording-store.ts';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const compact = (iso: string) => iso.replace(/[-:.]/g, '');
const SETTINGS = { runDays: 30, keepRuns: 5, submissionPayloadDays: 10, auditDays: 100 };
const PAGE = 4;

/** A run as a site writes it: its summary and one row per mailbox. */
async function writeRun(store: KvStore, site: string, taskId: string, ageDays: number, state = 'succeeded') {
  const startedAt = ago(ageDays);
  const runId = `${compact(startedAt)}-${randomUUID().slice(0, 8)}`;
  const run: RunRecord = {
    runId,
    taskId,
    site,
    trigger: 'schedule',
    attemptOf: runId,
    state: state as RunRecord['state'],
    startedAt,
    ...(state === 'running' ? {} : { finishedAt: ago(ageDays - 0.01) }),
    taskVersion: 1,
    pid: 1,
    counts: { total: 3, done: 3, failed: 0, skipped: 0, waiting: 0 },
    warnings: [],
  };
  await store.set(runKey(site, taskId, runId), run);
  for (const mailbox of ['a@x.com', 'b@x.com', 'c@x.com']) {
    const row: RunMailboxRow = { runId, mailbox, state: 'Healthy', submissions: 1, updatedAt: startedAt };
    await store.set(runMailboxKey(site, taskId, runId, mailbox), row);
  }
  return runId;
}

async function writeSubmissions(store: KvStore, taskId: string, mailbox: string, agesDays: number[]) {
  const platform = new PlatformStore(store);
  for (const [i, age] of agesDays.entries())
    await platform.submit({
      taskId,
      mailbox,
      sequence: i + 1,
      runId: 'r',
      submittedAt: ago(age),
      payload: { folders: i },
      checkpoint: { state: { syncState: `s${i + 1}` } },
    });
}

function describeRetention(backend: string, open: () => Promise<KvStore>) {
  describe(`RetentionSweeper on ${backend}`, () => {
    const opened: KvStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('deletes old runs (keeping each task’s newest), old payloads and old audit, in pages', async () => {
      const store = await open();
      opened.push(store);
      // Task A: 12 runs; the 80-day-old one is still running (never deleted). Oldest first.
      const ages = [100, 90, 80, 70, 60, 50, 40, 35, 25, 20, 10, 5];
      const runsA: string[] = [];
      for (const age of ages)
        runsA.push(await writeRun(store, 'lon-01', 'task-a', age, age === 80 ? 'running' : 'succeeded'));
      // Task B: 3 old runs, fewer than keepRuns: all kept.
      for (const age of [200, 150, 100]) await writeRun(store, 'lon-01', 'task-b', age);
      // Another site's task: not this site's to sweep.
      const other = await writeRun(store, 'nyc-01', 'task-c', 300);

      await writeSubmissions(store, 'task-a', 'm1@x.com', [50, 40, 30, 20, 15, 12, 9, 5, 1]);
      await writeSubmissions(store, 'task-a', 'm2@x.com', [3, 2, 1]);
      await writeSubmissions(store, 'task-a', 'm3@x.com', [40, 30, 20, 15]);
      await writeSubmissions(store, 'task-b', 'm1@x.com', [100, 50]);
      await writeSubmissions(store, 'task-c', 'm1@x.com', [100, 50]);
      for (const [i, age] of [400, 200, 101, 99, 10].entries()) {
        const at = ago(age);
        await store.set(auditKey(at, `id${i}`), { id: `id${i}`, at });
      }

      const recording = new RecordingStore(store);
      const sweeper = new RetentionSweeper(recording.store, 'lon-01', SETTINGS, PAGE);
      expect(await sweeper.sweep(NOW)).toEqual({ runs: 7, mailboxRows: 21, payloads: 12, audit: 3 });
      // Every read was one bounded page.
      expect(recording.lists.every((l) => (l.options?.limit ?? Infinity) <= PAGE)).toBe(true);

      // Task A keeps the running run and its 4 newest finished ones; their rows stay.
      const keptA = (await store.list<RunRecord>(runPrefix('lon-01', 'task-a'))).map((e) => e.value.runId);
      expect(keptA).toEqual([runsA[2], ...runsA.slice(8)]);
      expect(await store.count(runMailboxPrefix('lon-01', 'task-a'))).toBe(5 * 3);
      expect(await store.count(runPrefix('lon-01', 'task-b'))).toBe(3);
      expect(await store.count(runPrefix('nyc-01', 'task-c'))).toBe(1);
      expect(await store.count(runMailboxPrefix('nyc-01', 'task-c', other))).toBe(3);

      // Payloads older than 10 days are gone; keys, sequences and Sequence stay; exactly-once holds.
      const platform = new PlatformStore(store);
      const payloads = async (taskId: string, mailbox: string) =>
        (await platform.list(taskId, mailbox)).map((s) => (s.payload === undefined ? '-' : 'P'));
      expect(await payloads('task-a', 'm1@x.com')).toEqual(['-', '-', '-', '-', '-', '-', 'P', 'P', 'P']);
      expect(await payloads('task-a', 'm2@x.com')).toEqual(['P', 'P', 'P']);
      expect(await payloads('task-a', 'm3@x.com')).toEqual(['-', '-', '-', '-']);
      expect(await payloads('task-b', 'm1@x.com')).toEqual(['-', '-']);
      expect(await payloads('task-c', 'm1@x.com')).toEqual(['P', 'P']);
      const slim = (await store.get(submissionKey('task-a', 'm1@x.com', 1)))?.value;
      expect(slim).toEqual({
        taskId: 'task-a',
        mailbox: 'm1@x.com',
        sequence: 1,
        runId: 'r',
        submittedAt: ago(50),
        payloadDroppedAt: NOW.toISOString(),
        checkpoint: { state: { syncState: 's1' } }, // a pass may still resume from it
      });
      expect(await platform.count('task-a')).toBe(16);
      expect(
        await platform.submit({
          taskId: 'task-a',
          mailbox: 'm1@x.com',
          sequence: 1,
          runId: 'again',
          submittedAt: NOW.toISOString(),
          payload: 1,
        }),
      ).toBe(false);

      expect((await store.list<{ at: string }>(AUDIT_PREFIX)).map((e) => e.value.at)).toEqual([
        ago(99),
        ago(10),
      ]);

      // A second sweep finds nothing left to do.
      expect(await sweeper.sweep(NOW)).toEqual({ runs: 0, mailboxRows: 0, payloads: 0, audit: 0 });
    });

    it('drops only the new old payloads when time moves on, by binary search, not by reading all', async () => {
      const store = await open();
      opened.push(store);
      await writeRun(store, 'lon-01', 'task-a', 1);
      // 200 submissions, one every 6 hours: the oldest 50 days ago.
      const ages = Array.from({ length: 200 }, (_, i) => 50 - i / 4);
      await writeSubmissions(store, 'task-a', 'm1@x.com', ages);
      const recording = new RecordingStore(store);
      const sweeper = new RetentionSweeper(recording.store, 'lon-01', SETTINGS, PAGE);
      const first = await sweeper.sweep(NOW);
      const old = ages.filter((a) => a > 10).length;
      expect(first.payloads).toBe(old);

      // Two days later: 8 more are old; the sweep drops them and reads little.
      recording.lists.length = 0;
      const later = await sweeper.sweep(new Date(NOW.getTime() + 2 * DAY));
      expect(later.payloads).toBe(ages.filter((a) => a + 2 > 10).length - old);
      expect(recording.entriesListed('platform:')).toBeLessThan(30);
      const payloads = (await new PlatformStore(store).list('task-a', 'm1@x.com')).map(
        (s) => s.payload !== undefined,
      );
      expect(payloads.indexOf(true)).toBe(old + later.payloads);
      expect(payloads.slice(old + later.payloads).every(Boolean)).toBe(true);
    });
  });
}

const dataDir = tempDir();
describeRetention('SQLite (a real file)', () =>
  openStore({ dataDir, namespace: `r${randomUUID().slice(0, 8)}` }),
);
const url = inject('pgUrl');
describeRetention('PostgreSQL (a real server on loopback)', () =>
  openStore({ dataDir: '/nonexistent', url, namespace: `r${randomUUID().slice(0, 8)}` }),
);
