import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
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
import { ADMIN, TEST_ENV, eventually, seedTask, writeSiteConfig } from './fixtures/site-harness.ts';

const SITE_PROCESS = path.resolve(import.meta.dirname, 'fixtures/site-process.ts');
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

function startSiteProcess(dataDir: string, config: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SITE_PROCESS, dataDir, config], {
    env: { ...process.env, ...TEST_ENV },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`site process exited early (${code})`)));
  });
}

describe('crash safety', () => {
  it(
    'after kill -9 mid-run, closes the run as interrupted and resumes it with exactly-once submissions',
    { timeout: 90_000 },
    async () => {
      const dataDir = tempDir();
      const config = writeSiteConfig(dataDir, { maxParallelMailboxes: 1 });
      const store: KvStore = await openStore({ dataDir });
      const services = createServices(store);
      // Six mailboxes of ~300 ms each (the scripted adapters read "slow-<ms>@"), one at a time.
      const emails = Array.from({ length: 6 }, (_, i) => `slow-30${i}@contoso.com`);
      const taskId = await seedTask(services, emails);
      const platform = new PlatformStore(store);

      const first = await startSiteProcess(dataDir, config);
      await services.taskCommands.runNow(taskId, ADMIN);
      await eventually(
        async () => ((await platform.count(taskId)) >= 2 ? true : undefined),
        30_000,
        'two submissions',
      );
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));

      const leftover = (await store.list<RunRecord>(runPrefix('lon-01', taskId))).map((e) => e.value);
      expect(leftover.map((r) => r.state)).toEqual(['running']);
      const before = await platform.count(taskId);
      expect(before).toBeGreaterThanOrEqual(2);
      expect(before).toBeLessThan(emails.length);

      await startSiteProcess(dataDir, config);
      const status = await eventually(
        async () => {
          const s = (await store.get<TaskStatus>(taskStatusKey('lon-01', taskId)))?.value;
          return s?.lastRun?.trigger === 'resume' && !s.currentRun ? s : undefined;
        },
        60_000,
        'the resumed run to finish',
      );

      const runs = (await store.list<RunRecord>(runPrefix('lon-01', taskId)))
        .map((e) => e.value)
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
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
});
