import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord, TaskStatus } from '../../../engine/index.ts';
import { SiteLeaseHeldError } from '../../../engine/site/site-lease.ts';
import { lockKey, runPrefix, siteInfoKey, siteLeaseKey, taskStatusKey } from '../../../engine/store/keys.ts';
import { FaultyStore } from '../../helpers/faulty-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import {
  ADMIN,
  eventually,
  seedTask,
  startSite,
  writeSiteConfig,
  type Harness,
  type SiteOptions,
} from './fixtures/site-harness.ts';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0).reverse()) await h.close();
});

async function setUp(emails: string[], runtime: Record<string, unknown> = {}, options: SiteOptions = {}) {
  const dir = tempDir();
  const config = writeSiteConfig(dir, runtime);
  const h = await startSite(dir, config, options);
  open.push(h);
  const taskId = await seedTask(h.services, emails);
  await h.site.poll();
  return { h, taskId, dir, config };
}

const status = async (h: Harness, taskId: string) =>
  (await h.store.get<TaskStatus>(taskStatusKey('lon-01', taskId)))?.value;
const runs = async (h: Harness, taskId: string) =>
  (await h.store.list<RunRecord>(runPrefix('lon-01', taskId))).map((e) => e.value);
const finishedRuns = (h: Harness, taskId: string, n: number) =>
  eventually(
    async () => {
      const s = await status(h, taskId);
      const done = (await runs(h, taskId)).filter((r) => r.state !== 'running');
      return s && !s.currentRun && done.length >= n ? s : undefined;
    },
    30_000,
    `${n} finished run(s)`,
  );
const runNow = async (h: Harness, taskId: string) => {
  await h.services.taskCommands.runNow(taskId, ADMIN);
  await h.site.poll();
};
const events = async (h: Harness) =>
  (await h.services.siteEvents.read('lon-01', { limit: 1000 })).map((e) => e);

describe('runtime hardening (real worker threads, real SQLite)', { timeout: 90_000 }, () => {
  it('takes over the lock of a run that died without releasing it (the lease expired)', async () => {
    const { h, taskId } = await setUp(['a@contoso.com']);
    await h.store.set(lockKey('lon-01', 'a@contoso.com'), {
      taskId: 'gone',
      taskName: 'Ghost task',
      runId: 'dead-run',
      since: '2026-01-01T00:00:00.000Z',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    await runNow(h, taskId);
    expect((await finishedRuns(h, taskId, 1)).lastRun?.state).toBe('succeeded');
    expect(await h.store.get(lockKey('lon-01', 'a@contoso.com'))).toBeUndefined();
  });

  it('fails a mailbox that waited longer than lockWaitMinutes for a live lock, naming the holder and the code', async () => {
    const { h, taskId } = await setUp(['a@contoso.com', 'b@contoso.com'], { lockWaitMinutes: 0.02 });
    await h.store.set(lockKey('lon-01', 'a@contoso.com'), {
      taskId: 'other',
      taskName: 'Other task',
      runId: 'live-run',
      since: '2026-11-29T10:00:00.000Z',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await runNow(h, taskId);
    const done = await finishedRuns(h, taskId, 1);
    expect(done.lastRun).toMatchObject({ state: 'partial', counts: { done: 1, failed: 1 } });
    const failed = (await events(h)).find((e) => e.type === 'mailbox-failed');
    expect(failed).toMatchObject({
      mailbox: 'a@contoso.com',
      code: 'lock-timeout',
      reason: expect.stringMatching(
        /^Waited \d+ s for a@contoso\.com, held by task "Other task" since 2026-11-29T10:00:00\.000Z; it is tried again at the next run$/,
      ) as unknown,
    });
  });

  it('cancels during target resolution without waiting for the directory', async () => {
    const { h, taskId } = await setUp(['resolve-slow@contoso.com']);
    await runNow(h, taskId);
    // The worker itself says it is resolving (so it is up and listening for the cancel).
    await eventually(async () =>
      (await status(h, taskId))?.command.startsWith('Resolving') ? true : undefined,
    );
    const asked = Date.now();
    await h.services.taskCommands.cancel(taskId, ADMIN);
    await h.site.poll();
    const done = await finishedRuns(h, taskId, 1);
    expect(done.lastRun).toMatchObject({ state: 'cancelled', reason: 'Cancelled by an administrator' });
    expect(Date.now() - asked).toBeLessThan(5_000); // the grace period is 0.5 s; the directory takes 60 s
  });

  it('records a "run now" that finds the task running instead of dropping it', async () => {
    const { h, taskId } = await setUp(['slow-1500@contoso.com']);
    await runNow(h, taskId);
    await eventually(async () => ((await status(h, taskId))?.currentRun ? true : undefined));
    await runNow(h, taskId);
    const skipped = await eventually(async () => (await status(h, taskId))?.skippedFirings?.[0]);
    expect(skipped.reason).toMatch(
      /^Run now requested by alice@contoso\.com at .+ was not started: the task was already running \(run .+\)$/,
    );
    await finishedRuns(h, taskId, 1);
    expect(await runs(h, taskId)).toHaveLength(1);
    expect((await events(h)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['site-started', 'run-started', 'firing-skipped', 'run-finished']),
    );
  });

  it('applies a config change again at the next poll when applying it failed', async () => {
    let faulty: FaultyStore | undefined;
    const { h, taskId } = await setUp(
      ['a@contoso.com'],
      {},
      {
        wrapStore: (store) => (faulty = new FaultyStore(store)),
      },
    );
    const weekly = await h.services.schedules.create(
      {
        name: 'Sundays',
        timeZone: 'UTC',
        recurrence: { type: 'weekly', days: ['sun'], daily: { type: 'daily-once', start: '03:00' } },
      },
      ADMIN,
    );
    faulty!.failNext('set', /:task-status:/, 1);
    const task = await h.services.tasks.update(taskId, { version: 1, schedule: weekly.id }, ADMIN);
    await h.site.poll(); // this apply fails on the status write
    expect(faulty!.injected).toEqual([expect.stringContaining(':task-status:')]);
    const applied = await eventually(async () => {
      await h.site.poll();
      const s = await status(h, taskId);
      return s?.appliedVersion === task.version ? s : undefined;
    }, 5_000);
    expect(applied.nextRun).toMatch(/T03:00:00\.000Z$/);
  });

  it('starts no run when its record cannot be stored, leaves nothing Running, and runs once the store is back', async () => {
    let faulty: FaultyStore | undefined;
    const { h, taskId } = await setUp(
      ['a@contoso.com'],
      {},
      {
        wrapStore: (store) => (faulty = new FaultyStore(store)),
      },
    );
    faulty!.failNext('set', /:run:/, 100);
    await runNow(h, taskId);
    const skipped = await eventually(async () => (await status(h, taskId))?.skippedFirings?.[0], 15_000);
    expect(skipped.reason).toMatch(/^A manual run was not started: the store could not be written/);
    expect((await status(h, taskId))?.state).not.toBe('Running');
    expect(await runs(h, taskId)).toEqual([]);
    faulty!.heal();
    await runNow(h, taskId);
    expect((await finishedRuns(h, taskId, 1)).lastRun?.state).toBe('succeeded');
  });

  it("survives store failures while a run reports progress, and still records the run's end", async () => {
    let faulty: FaultyStore | undefined;
    const emails = Array.from({ length: 6 }, (_, i) => `slow-20${i}@contoso.com`);
    const { h, taskId } = await setUp(
      emails,
      {},
      { wrapStore: (store) => (faulty = new FaultyStore(store)) },
    );
    await runNow(h, taskId);
    await eventually(async () => ((await status(h, taskId))?.currentRun ? true : undefined));
    // Every status, run-record and lock write of the site fails for a while (the worker's own
    // connection is not affected): an unhandled rejection here would end the process (and this test).
    faulty!.failNext('*', /:(task-status|run|lock):/, 8);
    const done = await finishedRuns(h, taskId, 1);
    expect(faulty!.injected.length).toBe(8);
    expect(done.lastRun?.state).toBe('succeeded');
    expect((await runs(h, taskId)).map((r) => r.state)).toEqual(['succeeded']);
  });

  it('refuses a second process for the same site while the first holds the lease, naming host and pid', async () => {
    const { h, taskId, dir, config } = await setUp(['slow-1500@contoso.com']);
    await runNow(h, taskId);
    await eventually(async () => ((await status(h, taskId))?.currentRun ? true : undefined));
    const second = startSite(dir, config);
    await expect(second).rejects.toBeInstanceOf(SiteLeaseHeldError);
    await expect(second).rejects.toThrow(
      new RegExp(`^site lon-01 is already running on host .+ \\(pid ${process.pid}, since .+\\)`),
    );
    // The first process's live run is untouched: not closed as interrupted, not resumed twice.
    expect((await finishedRuns(h, taskId, 1)).lastRun).toMatchObject({
      state: 'succeeded',
      trigger: 'manual',
    });
    expect((await runs(h, taskId)).map((r) => r.state)).toEqual(['succeeded']);
  });

  it('takes over a site whose lease has expired (its process died on another host)', async () => {
    const dir = tempDir();
    const config = writeSiteConfig(dir);
    const first = await startSite(dir, config);
    await first.store.set(siteLeaseKey('lon-01'), {
      site: 'lon-01',
      instanceId: 'dead',
      hostname: 'old-host',
      pid: 1,
      since: '2026-01-01T00:00:00.000Z',
      renewedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:00:03.000Z',
    });
    await first.store.close(); // the first "process" vanished without stopping
    const second = await startSite(dir, config);
    open.push(second);
    const lease = (await second.store.get<{ pid: number }>(siteLeaseKey('lon-01')))?.value;
    expect(lease?.pid).toBe(process.pid);
  });

  it('sweeps by its retention settings on a timer: old runs go, the newest stay', async () => {
    const { h, taskId } = await setUp(['a@contoso.com'], {
      retention: { runDays: 1, keepRuns: 1, sweepHours: 0.0003 },
    });
    const old = (n: number): RunRecord => ({
      runId: `20240101T00000${n}000Z-old${n}`,
      taskId,
      site: 'lon-01',
      trigger: 'schedule',
      attemptOf: `old${n}`,
      state: 'succeeded',
      startedAt: `2024-01-01T00:00:0${n}.000Z`,
      finishedAt: `2024-01-01T00:00:0${n}.500Z`,
      taskVersion: 1,
      pid: 1,
      counts: { total: 0, done: 0, failed: 0, skipped: 0, waiting: 0 },
      warnings: [],
    });
    for (const n of [1, 2, 3]) await h.store.set(`${runPrefix('lon-01', taskId)}${old(n).runId}`, old(n));
    const left = await eventually(async () => {
      const now = await runs(h, taskId);
      return now.length === 1 ? now : undefined;
    }, 10_000);
    expect(left.map((r) => r.runId)).toEqual([old(3).runId]); // keepRuns: the newest stays, however old
  });

  it('stops when another process took its lease over (it stalled past expiry), leaving the new owner alone', async () => {
    const { h } = await setUp(['a@contoso.com']);
    const said: string[] = [];
    h.site.events.on('log', (e) => said.push(`${e.level} ${e.message}`));
    const usurper = {
      site: 'lon-01',
      instanceId: 'other-process',
      hostname: 'other-host',
      pid: 4242,
      since: new Date().toISOString(),
      renewedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    };
    await h.store.set(siteLeaseKey('lon-01'), usurper);
    await eventually(
      () => Promise.resolve(said.some((m) => m.startsWith('error this process lost')) ? true : undefined),
      5_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.store.get(siteLeaseKey('lon-01')))?.value).toEqual(usurper);
    expect((await h.store.get<{ state: string }>(siteInfoKey('lon-01')))?.value.state).toBe('running');
  });
});
