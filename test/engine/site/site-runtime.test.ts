import { afterEach, describe, expect, it } from 'vitest';
import type { RunMailboxRow, RunRecord, TaskStatus } from '../../../engine/index.ts';
import { PlatformStore } from '../../../engine/platform/platform-store.ts';
import { lockKey, runMailboxPrefix, runPrefix, taskStatusKey } from '../../../engine/store/keys.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import {
  ADMIN,
  eventually,
  seedTask,
  startSite,
  writeSiteConfig,
  type Harness,
} from './fixtures/site-harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setUp(emails: string[], runtime: Record<string, number> = {}, clock?: ManualClock) {
  const dir = tempDir();
  harness = await startSite(dir, writeSiteConfig(dir, runtime), clock ? { clock } : {});
  const taskId = await seedTask(harness.services, emails);
  await harness.site.poll();
  return { h: harness, taskId };
}

const status = async (h: Harness, taskId: string) =>
  (await h.store.get<TaskStatus>(taskStatusKey('lon-01', taskId)))?.value;
const runs = async (h: Harness, taskId: string) =>
  (await h.store.list<RunRecord>(runPrefix('lon-01', taskId))).map((e) => e.value);
/** Per-mailbox rows of the task's newest run, by address. */
const mailboxes = async (h: Harness, taskId: string) => {
  const [newest] = await h.store.list<RunRecord>(runPrefix('lon-01', taskId), { reverse: true, limit: 1 });
  if (!newest) return {};
  const rows = await h.store.list<RunMailboxRow>(runMailboxPrefix('lon-01', taskId, newest.value.runId));
  return Object.fromEntries(rows.map((r) => [r.value.mailbox, r.value]));
};
const commands = (h: Harness) => h.services.taskCommands;
const finished = (h: Harness, taskId: string) =>
  eventually(
    async () => {
      const s = await status(h, taskId);
      return s && !s.currentRun && s.lastRun ? s : undefined;
    },
    20_000,
    'the run to finish',
  );

/** Runs the task once more and waits for that run (not `before`) to finish. */
const runAgain = async (h: Harness, taskId: string, before: TaskStatus) => {
  await commands(h).runNow(taskId, ADMIN);
  await h.site.poll();
  return eventually(async () => {
    const s = await status(h, taskId);
    return s && !s.currentRun && s.lastRun?.runId !== before.lastRun?.runId ? s : undefined;
  });
};

// Generous waits: CI runs these next to other suites on two cores, and each run starts a worker thread.
describe('site runtime (real worker threads, real SQLite)', { timeout: 90_000 }, () => {
  it('runs a task on "run now" in a worker and reports status, Sequence and per-mailbox results', async () => {
    const { h, taskId } = await setUp(['a@contoso.com', 'b@contoso.com', 'slow-200@contoso.com']);
    expect((await status(h, taskId))?.state).toBe('Scheduled');
    // The dashboard listens in-process: the same changes arrive as typed events.
    const events: string[] = [];
    h.site.events.on('task-status', (s) => events.push(s.state));
    h.site.events.on('run-updated', (r) => events.push(`run ${r.state}`));
    await commands(h).runNow(taskId, ADMIN);
    await h.site.poll();
    const running = await eventually(async () =>
      (await status(h, taskId))?.currentRun ? await status(h, taskId) : undefined,
    );
    expect(running.state).toMatch(/Running|Waiting/);
    const done = await finished(h, taskId);
    expect(done).toMatchObject({ state: 'Scheduled', sequence: 3, command: '' });
    expect(done.lastRun).toMatchObject({
      state: 'succeeded',
      trigger: 'manual',
      counts: { total: 3, done: 3, failed: 0, skipped: 0, waiting: 0 },
    });
    expect(done.latestDetail).toMatch(/^Last run succeeded at .*: 3 of 3 mailboxes done/);
    expect(events).toEqual(expect.arrayContaining(['Running', 'run running', 'run succeeded', 'Scheduled']));
    expect(Object.values(await mailboxes(h, taskId)).map((m) => m.state)).toEqual([
      'Healthy',
      'Healthy',
      'Healthy',
    ]);
    expect(
      (await new PlatformStore(h.store).listTask(taskId)).map((s) => [
        s.mailbox,
        s.sequence,
        (s.payload as { folders: number }).folders,
      ]),
    ).toEqual([
      ['a@contoso.com', 1, 3],
      ['b@contoso.com', 1, 3],
      ['slow-200@contoso.com', 1, 3],
    ]);
  });

  it('reports failed mailboxes with their reason and the task as needing attention', async () => {
    const { h, taskId } = await setUp(['a@contoso.com', 'fail@contoso.com']);
    await commands(h).runNow(taskId, ADMIN);
    await h.site.poll();
    const done = await finished(h, taskId);
    expect(done.state).toBe('Needs attention');
    expect(done.lastRun).toMatchObject({ state: 'partial', reason: '1 of 2 mailboxes failed' });
    expect((await mailboxes(h, taskId))['fail@contoso.com']).toMatchObject({
      state: 'Failed',
      reason: 'ErrorMailboxMoveInProgress: the mailbox is being moved',
    });
  });

  it('fires on its schedule, and skips (and records) a firing that finds the task still running', async () => {
    const clock = new ManualClock(new Date('2026-11-23T00:30:00Z'));
    const { h, taskId } = await setUp(['slow-1500@contoso.com'], {}, clock);
    expect((await status(h, taskId))?.nextRun).toBe('2026-11-23T01:00:00.000Z'); // Nightly 01:00 Europe/London
    clock.advanceTo(new Date('2026-11-23T01:00:00Z'));
    await eventually(async () => (await status(h, taskId))?.currentRun);
    clock.advanceTo(new Date('2026-11-24T01:00:00Z')); // the next firing, while the first run still goes on
    const skipped = await eventually(async () => (await status(h, taskId))?.skippedFirings?.[0]);
    expect(skipped.reason).toBe(
      'Skipped the run due at 2026-11-24T01:00:00.000Z: the previous run was still running',
    );
    await finished(h, taskId);
    expect(await runs(h, taskId)).toHaveLength(1);
    expect((await status(h, taskId))?.lastRun?.trigger).toBe('schedule');
  });

  it('applies a config change within the poll interval while idle, and only after the run while running', async () => {
    const { h, taskId } = await setUp(['slow-1500@contoso.com']);
    const weekly = await h.services.schedules.create(
      {
        name: 'Sundays',
        timeZone: 'UTC',
        recurrence: { type: 'weekly', days: ['sun'], daily: { type: 'daily-once', start: '03:00' } },
      },
      ADMIN,
    );
    // Idle: the next poll (0.2 s) applies it.
    let task = await h.services.tasks.update(taskId, { version: 1, schedule: weekly.id }, ADMIN);
    const started = Date.now();
    await eventually(
      async () => ((await status(h, taskId))?.appliedVersion === task.version ? true : undefined),
      5_000,
      'the change to apply',
    );
    const idleMs = Date.now() - started;
    expect(idleMs).toBeLessThan(5_000);
    // Running: the change waits for the run to end.
    await commands(h).runNow(taskId, ADMIN);
    await eventually(async () => (await status(h, taskId))?.currentRun);
    task = await h.services.tasks.update(taskId, { version: task.version, enabled: false }, ADMIN);
    await new Promise((r) => setTimeout(r, 600)); // three polls
    expect((await status(h, taskId))?.appliedVersion).toBe(task.version - 1);
    const done = await finished(h, taskId);
    expect(done).toMatchObject({ appliedVersion: task.version, state: 'Disabled' });
    expect(done.nextRun).toBeUndefined();
  });

  it('cancels a run when asked', async () => {
    const { h, taskId } = await setUp(['slow-10000@contoso.com']);
    await commands(h).runNow(taskId, ADMIN);
    // Wait until the worker itself is at work (a worker still loading would be terminated instead).
    await eventually(async () =>
      (await mailboxes(h, taskId))['slow-10000@contoso.com']?.state === 'Running' ? true : undefined,
    );
    await commands(h).cancel(taskId, ADMIN);
    const done = await finished(h, taskId);
    expect(done.lastRun).toMatchObject({ state: 'cancelled', reason: 'Cancelled by an administrator' });
  });

  it('terminates a worker that ignores cancel after the grace period, freeing its lock for the next run', async () => {
    // hang-once@ blocks the worker the first time only: the next run of the same mailbox must get through.
    const { h, taskId } = await setUp(['hang-once@contoso.com']);
    await commands(h).runNow(taskId, ADMIN);
    await eventually(async () =>
      (await mailboxes(h, taskId))['hang-once@contoso.com']?.state === 'Running' ? true : undefined,
    );
    await commands(h).cancel(taskId, ADMIN);
    const done = await finished(h, taskId);
    expect(done.lastRun).toMatchObject({
      state: 'cancelled',
      reason: 'Cancelled; the worker did not stop within 0.5 s and was terminated',
    });
    expect(await h.store.get(lockKey('lon-01', 'hang-once@contoso.com'))).toBeUndefined();
    expect((await runAgain(h, taskId, done)).lastRun).toMatchObject({
      state: 'succeeded',
      counts: { done: 1 },
    });
  });

  it('fails the run of a crashed worker with the reason, frees its lock, and the same mailbox runs next time', async () => {
    const { h, taskId } = await setUp(['crash-once@contoso.com']);
    await commands(h).runNow(taskId, ADMIN);
    const done = await finished(h, taskId);
    expect(done.lastRun).toMatchObject({
      state: 'failed',
      reason: 'The worker stopped unexpectedly: simulated fault in the worker',
    });
    expect(await h.store.get(lockKey('lon-01', 'crash-once@contoso.com'))).toBeUndefined();
    expect((await runAgain(h, taskId, done)).lastRun).toMatchObject({
      state: 'succeeded',
      counts: { done: 1 },
    });
  });

  it('shows a task waiting for a mailbox another task holds', async () => {
    const { h, taskId } = await setUp(['slow-2000@contoso.com']);
    const second = await seedTask(h.services, ['slow-2000@contoso.com'], 'Second task');
    await h.site.poll();
    await commands(h).runNow(taskId, ADMIN);
    await h.site.poll();
    await eventually(async () =>
      (await mailboxes(h, taskId))['slow-2000@contoso.com']?.state === 'Running' ? true : undefined,
    );
    await commands(h).runNow(second, ADMIN);
    await h.site.poll();
    const waiting = await eventually(async () =>
      (await status(h, second))?.state === 'Waiting' ? await status(h, second) : undefined,
    );
    expect(waiting.command).toBe('Waiting for slow-2000@contoso.com, held by Count folders');
    expect((await finished(h, second)).lastRun?.state).toBe('succeeded');
  });
});
