import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  ConflictError,
  SiteRuntime,
  createLogger,
  createServices,
  loadSiteConfig,
  openStore,
  type TaskStatusView,
  RECURRENCE_TYPES,
  TARGET_KINDS,
  TASK_TYPES,
  templates,
  type Services,
} from '../../engine/index.ts';
import type { CliContext } from '../cli-context.ts';
import { formatList, taskFormat } from '../output/format-records.ts';

const DEMO_ACTOR = 'exsync-demo';

/**
 * `exsync demo`: the product on its embedded defaults, on one host: the simulated Exchange, the
 * embedded SQLite store filled with examples (a site, a schedule of each kind, a definition of each
 * type, a task per target kind, skipping what exists), and a site running them. It runs the built-in
 * folder-count task once at start and shows the result; `--once` stops there.
 */
export function registerDemoCommand(program: Command, context: (command: Command) => CliContext): void {
  program
    .command('demo')
    .description(
      'Run everything on this host against the simulated Exchange, with example tasks in the embedded store',
    )
    .option('--once', 'stop after the first run instead of serving until Ctrl-C')
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
        const requested = await s.taskCommands.runNow(DIAGNOSTIC_TASK, DEMO_ACTOR);
        await runtime.poll();
        const status = await waitForRun(s, requested.requestedAt);
        const tasks = await s.tasks.list();
        if (ctx.output.json)
          ctx.output.printJson({ created, store: store.location, simulator: description, tasks, status });
        else
          ctx.output.print(
            `exsync demo — store ${store.location}; simulated Exchange at ${sim.ewsHttpsUrl}\n${created} record(s) created.\n\n` +
              `${formatList(taskFormat, tasks)}\n\n"${DIAGNOSTIC_TASK}": ${status.state} — ${status.latestDetail} Sequence ${status.sequence}.\n\n` +
              'Try: exsync task status "<name>", exsync task run "<name>", exsync site list, exsync audit list, exsync --help',
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
        await store.close();
        await sim.close();
      }
    });
}

const DIAGNOSTIC_TASK = 'Folder count check - demo mailboxes';

/** Waits for the run requested at `since` (an earlier demo's last run does not count). */
async function waitForRun(s: Services, since: string): Promise<TaskStatusView> {
  for (const end = Date.now() + 60_000; Date.now() < end;) {
    const status = await s.taskStatus.get(DIAGNOSTIC_TASK);
    if (status.lastRun && !status.currentRun && status.lastRun.startedAt >= since) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the demo run did not finish within a minute');
}

async function seedDemo(s: Services, simulatedMailboxes: string[]): Promise<number> {
  let created = 0;
  const attempt = async (create: () => Promise<unknown>) => {
    try {
      await create();
      created++;
    } catch (error) {
      // Already there from an earlier `exsync demo`: keep the admin's edits, create only what is missing.
      if (!(error instanceof ConflictError && error.code === 'name-taken')) throw error;
    }
  };
  await attempt(() => s.sites.create({ ...templates.siteTemplate(), description: 'Demo site' }, DEMO_ACTOR));
  const site = templates.siteTemplate().code;
  for (const type of RECURRENCE_TYPES)
    await attempt(() => s.schedules.create(templates.scheduleTemplate(type), DEMO_ACTOR));
  for (const type of TASK_TYPES)
    await attempt(() => s.definitions.create(templates.definitionTemplate(type), DEMO_ACTOR));
  for (const [i, targetKind] of TARGET_KINDS.entries()) {
    const type = TASK_TYPES[i % TASK_TYPES.length] ?? 'folder-replication';
    const task = templates.taskTemplate(type, targetKind);
    await attempt(() => s.tasks.create({ ...task, site, name: `${task.name} (${targetKind})` }, DEMO_ACTOR));
  }
  await attempt(() =>
    s.tasks.create(
      {
        ...templates.taskTemplate('folder-count', 'mailbox-list'),
        site,
        name: DIAGNOSTIC_TASK,
        target: { kind: 'mailbox-list', emails: simulatedMailboxes },
      },
      DEMO_ACTOR,
    ),
  );
  return created;
}
