import {
  ConflictError,
  RECURRENCE_TYPES,
  TARGET_KINDS,
  TASK_TYPES,
  templates,
  type Services,
} from '../../engine/index.ts';

export const DEMO_ACTOR = 'exsync-demo';

/** The demo tasks that run on the simulated mailboxes at every `exsync demo`, in this order. */
export const DEMO_RUNS = {
  diagnostic: 'Folder count check - demo mailboxes',
  folders: 'Replicate folders - demo mailboxes',
  calendars: 'Replicate calendars - demo mailboxes',
} as const;

/**
 * The demo's own definitions: like the templates, but the folder replication one has no full-sync
 * exclusion window, so the demo's first (full) sync runs whatever the time of day.
 */
const DEMO_DEFINITIONS = [
  {
    name: 'Demo folder replication',
    description: 'Everything but Deleted Items; no full-sync exclusion window',
    type: 'folder-replication',
    settings: { excludeDeletedItems: true, includeArchiveStubs: false },
  },
  {
    name: 'Demo calendar replication',
    description: 'Every calendar of the mailbox',
    type: 'calendar-replication',
    settings: { calendars: 'all' },
  },
] as const;

/**
 * Fills the store with examples (a site, a schedule of each kind, a definition of each type, a task per
 * target kind) and the demo tasks on the simulated mailboxes, skipping what exists, so an admin's
 * edits from an earlier demo are kept. Returns how many records it created.
 */
export async function seedDemo(s: Services, simulatedMailboxes: string[]): Promise<number> {
  let created = 0;
  const attempt = async (create: () => Promise<unknown>) => {
    try {
      await create();
      created++;
    } catch (error) {
      if (!(error instanceof ConflictError && error.code === 'name-taken')) throw error;
    }
  };
  await attempt(() => s.sites.create({ ...templates.siteTemplate(), description: 'Demo site' }, DEMO_ACTOR));
  const site = templates.siteTemplate().code;
  for (const type of RECURRENCE_TYPES)
    await attempt(() => s.schedules.create(templates.scheduleTemplate(type), DEMO_ACTOR));
  for (const type of TASK_TYPES)
    await attempt(() => s.definitions.create(templates.definitionTemplate(type), DEMO_ACTOR));
  for (const definition of DEMO_DEFINITIONS)
    await attempt(() => s.definitions.create(definition, DEMO_ACTOR));
  for (const [i, targetKind] of TARGET_KINDS.entries()) {
    const type = TASK_TYPES[i % TASK_TYPES.length] ?? 'folder-replication';
    const task = templates.taskTemplate(type, targetKind);
    await attempt(() => s.tasks.create({ ...task, site, name: `${task.name} (${targetKind})` }, DEMO_ACTOR));
  }
  const onDemoMailboxes = { kind: 'mailbox-list', emails: simulatedMailboxes } as const;
  const tasks = [
    { ...templates.taskTemplate('folder-count', 'mailbox-list'), name: DEMO_RUNS.diagnostic },
    {
      ...templates.taskTemplate('folder-replication', 'mailbox-list'),
      name: DEMO_RUNS.folders,
      definition: 'Demo folder replication',
    },
    {
      ...templates.taskTemplate('calendar-replication', 'mailbox-list'),
      name: DEMO_RUNS.calendars,
      definition: 'Demo calendar replication',
    },
  ];
  for (const task of tasks)
    await attempt(() => s.tasks.create({ ...task, site, target: onDemoMailboxes }, DEMO_ACTOR));
  return created;
}
