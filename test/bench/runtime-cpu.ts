/**
 * Main-thread CPU of a site per mailbox, for one whole run, at two sizes (default 1,000 and 10,000):
 *   npx tsx test/bench/runtime-cpu.ts [sizes=1000,10000] [timeoutSeconds=300]
 * A real SiteRuntime, a real worker thread and a real SQLite file; the adapters answer at once
 * (test/bench/fixtures/instant-adapters.ts), so the run is all runtime. The main thread's active time
 * comes from performance.eventLoopUtilization() over the run, from "run now" to the final status.
 * The bound is the smallest size's own cost per mailbox, measured in the same process: the largest
 * size may cost at most 2× as much per mailbox (the goal is 1.3×), else the exit code is 1. It also
 * times what `exsync task status` reads for the largest run (the default view, and --all).
 * Prints JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSiteConfig, templates, type TaskStatus } from '../../engine/index.ts';
import { startBenchSite } from './fixtures/bench-site.ts';

const GOAL_RATIO = 1.3;
const FAIL_RATIO = 2;
const WARM_UP_MAILBOXES = 200;

const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);
const timeoutMs = Number(process.argv[3] ?? 300) * 1000;
if (sizes.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error('sizes: a comma-separated list of mailbox counts');

const dir = mkdtempSync(path.join(tmpdir(), 'exsync-bench-cpu-'));
const configFile = path.join(dir, 'site.json');
writeFileSync(
  configFile,
  JSON.stringify({
    site: 'bench',
    directory: { type: 'microsoft-365', groupSoftLimit: 100_000, membershipCacheMinutes: 0 },
    exchange: { type: 'graph' },
    microsoftGraph: { tenantId: 't', clientId: 'c', clientSecretEnv: 'EXSYNC_BENCH_UNUSED_SECRET' },
    // Polls are started by hand below; the timers only add a per-second cost, not a per-mailbox one.
    runtime: { configPollSeconds: 60, heartbeatSeconds: 60, maxParallelMailboxes: 4 },
  }),
);
const loaded = await loadSiteConfig(configFile, { EXSYNC_BENCH_UNUSED_SECRET: 'unused' });
const { store, services, site } = await startBenchSite(dir, loaded, 'instant-adapters.ts');

interface Measured {
  readonly taskId: string;
  readonly mailboxes: number;
  readonly finished: boolean;
  readonly state?: string;
  readonly wallMs: number;
  readonly mainThreadActiveMs: number;
  readonly activeMsPerMailbox: number;
}

async function measureRun(mailboxes: number): Promise<Measured> {
  const task = await services.tasks.create(
    {
      name: `bench ${mailboxes} (${Date.now()})`,
      site: 'bench',
      type: 'folder-count',
      definition: templates.definitionTemplate('folder-count').name,
      schedule: templates.scheduleTemplate('daily-once').name,
      target: { kind: 'm365-group', email: `bench-${mailboxes}@bench.test` },
    },
    'bench',
  );
  await site.poll();
  let timer: NodeJS.Timeout | undefined;
  let listener: ((s: TaskStatus) => void) | undefined;
  const ended = new Promise<TaskStatus | undefined>((resolve) => {
    listener = (s: TaskStatus) => {
      if (s.taskId === task.id && s.lastRun && !s.currentRun) resolve(s);
    };
    site.events.on('task-status', listener);
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const wallStart = performance.now();
  const eluStart = performance.eventLoopUtilization();
  await services.taskCommands.runNow(task.id, 'bench');
  await site.poll();
  const status = await ended;
  const elu = performance.eventLoopUtilization(eluStart);
  const wallMs = performance.now() - wallStart;
  clearTimeout(timer);
  if (listener) site.events.off('task-status', listener);
  return {
    taskId: task.id,
    mailboxes,
    finished: status !== undefined,
    ...(status?.lastRun ? { state: status.lastRun.state } : {}),
    wallMs: Math.round(wallMs),
    mainThreadActiveMs: Math.round(elu.active),
    activeMsPerMailbox: +(elu.active / mailboxes).toFixed(3),
  };
}

// A first run warms the JIT and the SQLite file, so the smallest size is not charged for them.
const warmUp = await measureRun(WARM_UP_MAILBOXES);
const results: Measured[] = [];
for (const size of sizes) {
  const result = await measureRun(size);
  results.push(result);
  if (!result.finished) break;
}
/** What `exsync task status` costs on the largest run: the default view, and every mailbox. */
async function timeStatusRead(taskId: string) {
  const timed = async (read: () => Promise<unknown>) => {
    const start = performance.now();
    await read();
    return Math.round(performance.now() - start);
  };
  return {
    defaultViewMs: await timed(() => services.taskStatus.get(taskId)),
    allMailboxesMs: await timed(() => services.taskStatus.get(taskId, { only: 'all' })),
  };
}
const largest = results.at(-1);
const statusRead = largest?.finished ? await timeStatusRead(largest.taskId) : undefined;
await site.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });

const first = results[0];
const last = results.at(-1);
const complete =
  results.length === sizes.length && results.every((r) => r.finished && r.state === 'succeeded');
const ratio =
  complete && first && last ? +(last.activeMsPerMailbox / first.activeMsPerMailbox).toFixed(2) : null;
const pass = ratio !== null && ratio <= FAIL_RATIO;
process.stdout.write(
  `${JSON.stringify({
    warmUp: { mailboxes: warmUp.mailboxes, mainThreadActiveMs: warmUp.mainThreadActiveMs },
    runs: results.map(({ taskId: _taskId, ...run }) => run),
    ...(statusRead && largest ? { taskStatusRead: { mailboxes: largest.mailboxes, ...statusRead } } : {}),
    perMailboxRatio: ratio,
    goal: GOAL_RATIO,
    failAbove: FAIL_RATIO,
    pass,
  })}\n`,
);
process.exitCode = pass ? 0 : 1;
