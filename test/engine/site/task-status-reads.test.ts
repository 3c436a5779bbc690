import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, openStore, type KvStore, type Services } from '../../../engine/index.ts';
import type { MailboxState, RunMailboxRow, RunRecord } from '../../../engine/domain/run.ts';
import { runKey, runMailboxKey, runPrefix } from '../../../engine/store/keys.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { RecordingStore } from './fixtures/recording-store.ts';
import { ADMIN, seedTask } from './fixtures/site-harness.ts';

/**
 * `exsync task status` at scale: what a site wrote for 30 runs, the newest of 3,000 mailboxes.
 * The service reads the 10 newest runs and the mailbox rows a page at a time, never every run.
 */
const RUNS = 30;
const MAILBOXES = 3000;
const dataDir = tempDir();
let store: KvStore;
let services: Services;
let taskId: string;

const runId = (day: number) =>
  `202611${String(day).padStart(2, '0')}T010000000Z-${String(day).padStart(8, '0')}`;
const address = (i: number) => `user${String(i).padStart(5, '0')}@contoso.com`;
/** Mailboxes 0, 50, 100, … failed; 1, 51, … are waiting; the rest are Healthy. */
const stateOf = (i: number): MailboxState => (i % 50 === 0 ? 'Failed' : i % 50 === 1 ? 'Waiting' : 'Healthy');
const notHealthy = Array.from({ length: MAILBOXES }, (_, i) => i).filter((i) => stateOf(i) !== 'Healthy');

beforeAll(async () => {
  store = await openStore({ dataDir });
  services = createServices(store);
  taskId = await seedTask(services, ['a@contoso.com'], 'Big task');
  for (let day = 1; day <= RUNS; day++) {
    const run: RunRecord = {
      runId: runId(day),
      taskId,
      site: 'lon-01',
      trigger: 'schedule',
      attemptOf: runId(day),
      state: 'partial',
      startedAt: `2026-11-${String(day).padStart(2, '0')}T01:00:00.000Z`,
      finishedAt: `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`,
      taskVersion: 1,
      pid: 1,
      counts: { total: MAILBOXES, done: MAILBOXES - notHealthy.length, failed: 60, skipped: 0, waiting: 0 },
      warnings: [],
    };
    await store.set(runKey('lon-01', taskId, run.runId), run);
  }
  const newest = runId(RUNS);
  for (let start = 0; start < MAILBOXES; start += 200)
    await Promise.all(
      Array.from({ length: 200 }, (_, k) => start + k).map((i) => {
        const row: RunMailboxRow = {
          runId: newest,
          mailbox: address(i),
          state: stateOf(i),
          submissions: 1,
          updatedAt: '2026-11-30T02:00:00.000Z',
          ...(stateOf(i) === 'Failed' ? { reason: 'ErrorMailboxMoveInProgress' } : {}),
        };
        return store.set(runMailboxKey('lon-01', taskId, newest, row.mailbox), row);
      }),
    );
}, 120_000);
afterAll(() => store.close());

describe('task status service', () => {
  it('reads the 10 newest runs, newest first, and no other run', async () => {
    const recording = new RecordingStore(store);
    const view = await createServices(recording.store).taskStatus.get('Big task');
    expect(view.history.map((r) => r.runId)).toEqual(Array.from({ length: 10 }, (_, k) => runId(RUNS - k)));
    expect(view.history[0]).not.toHaveProperty('warnings');
    expect(recording.entriesListed(runPrefix('lon-01', taskId))).toBe(10);
    // Every read of mailbox rows was a bounded page.
    const rowReads = recording.lists.filter((l) => l.prefix.includes(':run-mailbox:'));
    expect(rowReads.length).toBeGreaterThan(0);
    expect(rowReads.every((l) => (l.options?.limit ?? Infinity) <= 500)).toBe(true);
  });

  it('by default holds the first 50 mailboxes that are not Healthy, and says that there are more', async () => {
    const view = await services.taskStatus.get('Big task');
    expect(Object.keys(view.mailboxes)).toEqual(notHealthy.slice(0, 50).map(address));
    expect(view.mailboxes[address(0)]).toEqual({
      state: 'Failed',
      reason: 'ErrorMailboxMoveInProgress',
      submissions: 1,
      updatedAt: '2026-11-30T02:00:00.000Z',
    });
    expect(view.selection).toMatchObject({
      only: 'not-healthy',
      limit: 50,
      truncated: true,
      runId: runId(RUNS),
      counts: { total: MAILBOXES, done: MAILBOXES - notHealthy.length },
    });
  });

  it('holds every mailbox when asked for all', async () => {
    const view = await services.taskStatus.get('Big task', { only: 'all' });
    expect(Object.keys(view.mailboxes)).toHaveLength(MAILBOXES);
    expect(view.selection.truncated).toBe(false);
  });

  it('prints the first 50 that need a look and how to see the rest; --all prints every mailbox', async () => {
    const env = { EXSYNC_DATA_DIR: dataDir, EXSYNC_ADMIN: ADMIN };
    const short = await runCli(['task', 'status', 'Big task'], { env });
    expect(short.code).toBe(0);
    const rowsOf = (out: string) => out.split('\n').filter((l) => /^user\d+@contoso\.com /.test(l));
    expect(rowsOf(short.stdout)).toHaveLength(50);
    expect(short.stdout).toContain(
      `Showing the first 50 of ${notHealthy.length} mailboxes that are not Healthy; ${MAILBOXES - notHealthy.length} Healthy not listed; --all lists every mailbox.`,
    );
    const all = await runCli(['task', 'status', 'Big task', '--all'], { env });
    expect(all.code).toBe(0);
    expect(rowsOf(all.stdout)).toHaveLength(MAILBOXES);
  });
});
