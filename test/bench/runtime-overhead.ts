/**
 * Runtime overhead per run and per mailbox, against the simulator with zero latency:
 *   npx tsx test/bench/runtime-overhead.ts [mailboxes=200]
 * The bound is measured in the same run: the same EWS folder listings done directly, without the
 * runtime (no worker, no store writes). Prints JSON and exits 1 when the runtime's per-mailbox time
 * exceeds three times the direct one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EwsConnection } from '../../engine/adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../../engine/adapters/ews/ews-mailbox.ts';
import { loadSiteConfig, templates, type TaskStatus } from '../../engine/index.ts';
import { startBenchSite } from './fixtures/bench-site.ts';
import { taskStatusKey } from '../../engine/store/keys.ts';
import { startSimulator } from '../sim/simulator.ts';

const mailboxCount = Number(process.argv[2] ?? 200);
const sim = await startSimulator({
  population: { mailboxes: mailboxCount, foldersPerMailbox: 10, itemsPerFolder: 1, seed: 1 },
});
const dir = mkdtempSync(path.join(tmpdir(), 'exsync-bench-'));
const emails = Array.from({ length: mailboxCount }, (_, i) => sim.model.mailboxAt(i)!.primarySmtp);
process.env['EXSYNC_BENCH_EWS_PASSWORD'] = sim.serviceAccount.password;
const configFile = path.join(dir, 'site.json');
writeFileSync(
  configFile,
  JSON.stringify({
    site: 'bench',
    directory: { type: 'microsoft-365' },
    exchange: {
      type: 'ews',
      url: sim.ewsUrl,
      auth: 'basic',
      username: sim.serviceAccount.username,
      passwordEnv: 'EXSYNC_BENCH_EWS_PASSWORD',
    },
    microsoftGraph: { tenantId: 't', clientId: 'c', clientSecretEnv: 'EXSYNC_BENCH_EWS_PASSWORD' },
    runtime: { configPollSeconds: 0.2, maxParallelMailboxes: 1 },
  }),
);
const loaded = await loadSiteConfig(configFile);

// Bound: the same work without the runtime.
const direct = new EwsMailbox(
  new EwsConnection(loaded.config.exchange as never, sim.serviceAccount.password),
);
const directStart = performance.now();
for (const email of emails) await direct.listFolders(email);
const directMs = performance.now() - directStart;

const { store, services, site } = await startBenchSite(dir, loaded, 'static-directory-adapters.ts');

async function timeRun(name: string, targets: string[]): Promise<number> {
  const task = await services.tasks.create(
    {
      name,
      site: 'bench',
      type: 'folder-count',
      definition: templates.definitionTemplate('folder-count').name,
      schedule: templates.scheduleTemplate('daily-once').name,
      target: { kind: 'mailbox-list', emails: targets },
    },
    'bench',
  );
  await site.poll();
  const start = performance.now();
  await services.taskCommands.runNow(task.id, 'bench');
  await site.poll();
  for (;;) {
    const status = (await store.get<TaskStatus>(taskStatusKey('bench', task.id)))?.value;
    if (status?.lastRun && !status.currentRun) {
      if (status.lastRun.state !== 'succeeded')
        throw new Error(`bench run ${status.lastRun.state}: ${status.lastRun.reason}`);
      return performance.now() - start;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

const singleRuns: number[] = [];
for (let i = 0; i < 5; i++) singleRuns.push(await timeRun(`single-${i}`, [emails[0]!]));
const oneDirect = directMs / mailboxCount;
const fullRunMs = await timeRun('all', emails);
await site.stop();
await store.close();
await sim.close();
rmSync(dir, { recursive: true, force: true });

const median = [...singleRuns].sort((a, b) => a - b)[2]!;
// The bound: what the runtime adds per mailbox (lock, checkpoint, platform write, status) may cost at
// most twice as much as reading the mailbox directly, i.e. a run's per-mailbox time ≤ 3 × direct EWS.
const perMailboxMs = (fullRunMs - median) / mailboxCount;
const limitMs = 3 * oneDirect;
process.stdout.write(
  `${JSON.stringify({
    mailboxes: mailboxCount,
    bound: { directEwsMsPerMailbox: +oneDirect.toFixed(2), directEwsTotalMs: Math.round(directMs) },
    perRun: { medianRunMsOneMailbox: Math.round(median), overheadMs: Math.round(median - oneDirect) },
    perMailbox: {
      runtimeMsPerMailbox: +(fullRunMs / mailboxCount).toFixed(2),
      overheadMsPerMailbox: +((fullRunMs - median) / mailboxCount - oneDirect).toFixed(2),
    },
    fullRunMs: Math.round(fullRunMs),
    check: {
      perMailboxMs: +perMailboxMs.toFixed(2),
      limitMs: +limitMs.toFixed(2),
      rule: 'per-mailbox run time (after the run start) <= 3 x direct EWS per mailbox',
      within: perMailboxMs <= limitMs,
    },
  })}\n`,
);
if (perMailboxMs > limitMs) {
  process.stderr.write(
    `runtime-overhead: ${perMailboxMs.toFixed(2)} ms per mailbox exceeds the bound of ${limitMs.toFixed(2)} ms\n`,
  );
  process.exitCode = 1;
}
