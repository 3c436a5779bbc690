import { afterEach, describe, expect, it } from 'vitest';
import {
  createServices,
  openStore,
  type KvStore,
  type RunRecord,
  type TaskStatus,
} from '../../../engine/index.ts';
import { PlatformStore } from '../../../engine/platform/platform-store.ts';
import { runPrefix, taskStatusKey } from '../../../engine/store/keys.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { ADMIN, SYNC_TASK_TYPES, eventually, seedTask, writeSiteConfig } from './fixtures/site-harness.ts';
import { exited, SiteProcesses } from './fixtures/site-processes.ts';
import { ALL_CHANGES } from './fixtures/sync-server.ts';

const sites = new SiteProcesses();
afterEach(() => sites.killAll());

const runsOf = async (store: KvStore, taskId: string) =>
  (await store.list<RunRecord>(runPrefix('lon-01', taskId)))
    .map((e) => e.value)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));

const resumedAndFinished = (store: KvStore, taskId: string) =>
  eventually(
    async () => {
      const s = (await store.get<TaskStatus>(taskStatusKey('lon-01', taskId)))?.value;
      return s?.lastRun?.trigger === 'resume' && !s.currentRun ? s : undefined;
    },
    60_000,
    'the resumed run to finish',
  );

describe('crash safety', () => {
  it(
    'after kill -9 mid-run, closes the run as interrupted and resumes it with exactly-once submissions',
    { timeout: 90_000 },
    async () => {
      const dataDir = tempDir();
      const config = writeSiteConfig(dataDir, { maxParallelMailboxes: 1 });
      const store: KvStore = await openStore({ dataDir });
      const services = createServices(store);
      // Six mailboxes of ~1 s each (the scripted adapters read "slow-<ms>@"), one at a time: time
      // enough to try a second site process before the kill.
      const emails = Array.from({ length: 6 }, (_, i) => `slow-100${i}@contoso.com`);
      const taskId = await seedTask(services, emails);
      const platform = new PlatformStore(store);

      const first = await sites.start(dataDir, config);
      await services.taskCommands.runNow(taskId, ADMIN);
      await eventually(
        async () => ((await platform.count(taskId)) >= 2 ? true : undefined),
        30_000,
        'two submissions',
      );
      // A second process for the same site is refused while the first lives, and breaks nothing.
      await expect(sites.start(dataDir, config)).rejects.toThrow(
        new RegExp(`refused: site lon-01 is already running on host .+ \\(pid ${first.pid}, since`),
      );
      first.kill('SIGKILL');
      await exited(first);

      const leftover = await runsOf(store, taskId);
      expect(leftover.map((r) => r.state)).toEqual(['running']);
      const before = await platform.count(taskId);
      expect(before).toBeGreaterThanOrEqual(2);
      expect(before).toBeLessThan(emails.length);

      // The lease of a process that died on this host is taken over at once (no wait for its expiry).
      await sites.start(dataDir, config);
      const status = await resumedAndFinished(store, taskId);

      const runs = await runsOf(store, taskId);
      expect(runs.map((r) => [r.trigger, r.state])).toEqual([
        ['manual', 'interrupted'],
        ['resume', 'succeeded'],
      ]);
      expect(runs[0]?.reason).toMatch(/^The site process \(pid \d+\) stopped while this run was in progress/);
      expect(runs[1]?.attemptOf).toBe(runs[0]?.runId);
      // Exactly once: one submission per mailbox, sequence 1, none lost, none repeated.
      const submissions = await platform.listTask(taskId);
      expect(submissions.map((s) => [s.mailbox, s.sequence]).sort()).toEqual(
        emails.map((e) => [e, 1]).sort(),
      );
      expect(status.sequence).toBe(emails.length);
      expect(status.state).toBe('Scheduled');
      await store.close();
    },
  );

  // The crash window that matters with sync states: the submission is stored, the state it leads to is
  // not yet saved. The test hook kills the whole site process at exactly that point.
  for (const killAfter of [1, 4])
    it(
      `with sync states, a kill -9 right after submission ${killAfter} is stored loses and repeats nothing`,
      { timeout: 90_000 },
      async () => {
        const dataDir = tempDir();
        const config = writeSiteConfig(dataDir, { maxParallelMailboxes: 1 });
        const store: KvStore = await openStore({ dataDir });
        const services = createServices(store);
        const emails = ['a@contoso.com', 'b@contoso.com'];
        const taskId = await seedTask(services, emails);
        const platform = new PlatformStore(store);

        const first = await sites.start(dataDir, config, {
          taskTypesModule: SYNC_TASK_TYPES,
          testHooks: { killProcessAfterSubmissions: killAfter },
        });
        await services.taskCommands.runNow(taskId, ADMIN);
        expect(await exited(first)).toBe('SIGKILL');
        expect(await platform.count(taskId)).toBe(killAfter);

        await sites.start(dataDir, config, { taskTypesModule: SYNC_TASK_TYPES });
        await resumedAndFinished(store, taskId);
        expect((await runsOf(store, taskId)).map((r) => r.state)).toEqual(['interrupted', 'succeeded']);

        for (const mailbox of emails) {
          const submitted = await platform.list(taskId, mailbox);
          expect(submitted.map((s) => s.sequence)).toEqual(submitted.map((_, i) => i + 1));
          // Every change the server handed out arrives exactly once, in order: none only in a dropped batch.
          expect(submitted.flatMap((s) => (s.payload as { changes: string[] }).changes)).toEqual(ALL_CHANGES);
        }
        await store.close();
      },
    );
});
