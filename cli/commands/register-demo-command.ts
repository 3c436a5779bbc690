import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  SiteRuntime,
  createLogger,
  createServices,
  loadSiteConfig,
  openStore,
  templates,
  type Services,
  type TaskStatusView,
  type TaskType,
} from '../../engine/index.ts';
import { openPlatform } from '../../engine/platform/open-platform.ts';
import type { CliContext } from '../cli-context.ts';
import { describeReplica, summarizeReplica, type ReplicaSummary } from '../demo/replica-summary.ts';
import { DEMO_ACTOR, DEMO_RUNS, seedDemo } from '../demo/seed-demo.ts';
import { formatList, taskFormat } from '../output/format-records.ts';

/**
 * `exsync demo`: the product on its embedded defaults, on one host: the simulated Exchange, the
 * embedded SQLite store filled with examples, and a site running them. At start it runs the demo
 * tasks on the simulated mailboxes once (the folder-count diagnostic, Folder Replication and Calendar
 * Replication) and shows what they did and what the replica holds; `--once` stops there.
 */
export function registerDemoCommand(program: Command, context: (command: Command) => CliContext): void {
  program
    .command('demo')
    .description(
      'Run everything on this host against the simulated Exchange, with example tasks in the embedded store',
    )
    .option('--once', 'stop after the first runs instead of serving until Ctrl-C')
    .option('--mailboxes <n>', 'mailboxes in the simulated Exchange', (v) => Number(v), 20)
    .action(async (o: { once?: boolean; mailboxes: number }, cmd: Command) => {
      const ctx = context(cmd);
      const { runSim } = await import('../../test/sim/cli/run-sim.ts');
      const dataDir = path.resolve(ctx.env.EXSYNC_DATA_DIR);
      mkdirSync(dataDir, { recursive: true });
      const site = templates.siteTemplate().code;
      const { sim, description } = await runSim({
        mailboxes: o.mailboxes,
        seed: 'demo',
        protocol: 'ews',
        site,
        siteConfig: path.join(dataDir, 'demo-site.json'),
      });
      // The demo's own secrets, for its own in-process site only.
      Object.assign(process.env, description['env']);
      const mailboxes = (description['mailboxes'] as string[]).slice(0, 3);
      const storeOptions = { dataDir, url: ctx.env.EXSYNC_STORE_URL };
      const store = await openStore(storeOptions);
      const platform = await openPlatform(storeOptions);
      try {
        const s = createServices(store);
        const created = await seedDemo(s, mailboxes);
        const runtime = new SiteRuntime({
          loaded: await loadSiteConfig(description['siteConfig'] as string),
          store,
          storeOptions,
          logger: createLogger({ level: ctx.env.LOG_LEVEL === 'info' ? 'warn' : ctx.env.LOG_LEVEL }),
        });
        await runtime.start();
        const results: { task: string; type: TaskType; status: TaskStatusView; replica?: ReplicaSummary }[] =
          [];
        for (const name of Object.values(DEMO_RUNS)) {
          const requested = await s.taskCommands.runNow(name, DEMO_ACTOR);
          await runtime.poll();
          const status = await waitForRun(s, name, requested.requestedAt);
          const task = await s.tasks.get(name);
          const replica =
            task.type === 'folder-count'
              ? undefined
              : await summarizeReplica(platform.replica, task, mailboxes);
          results.push({ task: name, type: task.type, status, ...(replica ? { replica } : {}) });
        }
        const tasks = await s.tasks.list();
        if (ctx.output.json)
          ctx.output.printJson({
            created,
            store: store.location,
            simulator: description,
            tasks,
            // The diagnostic's status, as before the replication tasks existed.
            status: results[0]?.status,
            runs: results,
          });
        else
          ctx.output.print(
            `exsync demo — store ${store.location}; simulated Exchange at ${sim.ewsHttpsUrl}\n${created} record(s) created.\n\n` +
              `${formatList(taskFormat, tasks)}\n\n` +
              results
                .map(({ task, type, status, replica }) => {
                  const line = `"${task}": ${status.state} — ${status.latestDetail} Sequence ${status.sequence}.`;
                  return replica ? `${line}\n  ${describeReplica(type, replica)}` : line;
                })
                .join('\n') +
              '\n\nTry: exsync platform folders "<task>" <mailbox>, exsync task status "<name>", exsync site list, exsync --help',
          );
        if (!o.once) {
          ctx.output.error('The demo site and the simulated Exchange keep running; Ctrl-C to stop.');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
        }
        await runtime.stop();
      } finally {
        await platform.close();
        await store.close();
        await sim.close();
      }
    });
}

/** Waits for the run requested at `since` (an earlier demo's last run does not count). */
async function waitForRun(s: Services, task: string, since: string): Promise<TaskStatusView> {
  for (const end = Date.now() + 120_000; Date.now() < end;) {
    const status = await s.taskStatus.get(task);
    if (status.lastRun && !status.currentRun && status.lastRun.startedAt >= since) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the demo run of "${task}" did not finish within two minutes`);
}
