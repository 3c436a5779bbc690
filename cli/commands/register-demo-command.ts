import type { Command } from 'commander';
import {
  ConflictError,
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
 * `exsync demo`: the product on its embedded defaults. Today it fills the embedded store with one
 * site, a schedule of each kind, a definition of each type and a task per target kind (skipping what
 * exists), then shows the tasks; it grows into the full one-host demo as the site runtime lands.
 */
export function registerDemoCommand(program: Command, context: (command: Command) => CliContext): void {
  program
    .command('demo')
    .description('Set up example sites, schedules, definitions and tasks in the embedded store and show them')
    .action(async (_o, cmd: Command) => {
      const ctx = context(cmd);
      await ctx.withServices(async (s) => {
        const count = await seedDemo(s);
        const tasks = await s.tasks.list();
        if (ctx.output.json) ctx.output.printJson({ created: count, store: s.store.location, tasks });
        else
          ctx.output.print(
            `exsync demo — store ${s.store.location}\n${count} record(s) created.\n\n${formatList(taskFormat, tasks)}\n\n` +
              'Try: exsync task show "<name>", exsync task status "<name>", exsync audit list, exsync --help',
          );
      });
    });
}

async function seedDemo(s: Services): Promise<number> {
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
  return created;
}
