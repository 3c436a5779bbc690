import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  InputError,
  NotFoundError,
  StaleVersionError,
  createServices,
  readConfigVersion,
  templates,
  type KvStore,
  type Services,
} from '../../../engine/index.ts';

export type OpenStore = (namespace: string) => Promise<KvStore>;

const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';

/** The admin services' rules, on a real store (run against SQLite and PostgreSQL). */
export function describeServices(backend: string, open: OpenStore): void {
  describe(`services on ${backend}`, () => {
    let store: KvStore;
    let s: Services;

    beforeEach(async () => {
      store = await open(`svc${randomUUID().slice(0, 8)}`);
      s = createServices(store);
      await s.sites.create({ code: 'LON-01', description: 'London' }, ALICE);
      await s.sites.create({ code: 'nyc-01' }, ALICE);
      await s.schedules.create(templates.scheduleTemplate('daily-once'), ALICE);
      await s.schedules.create(templates.scheduleTemplate('weekly'), ALICE);
      await s.definitions.create(templates.definitionTemplate('folder-replication'), ALICE);
      await s.definitions.create(
        {
          ...templates.definitionTemplate('folder-replication'),
          name: 'MFR without Inbox',
          settings: { excludeInbox: true },
        },
        ALICE,
      );
      await s.definitions.create(templates.definitionTemplate('calendar-replication'), ALICE);
    });
    afterEach(async () => store.close());

    const newTask = (overrides: Record<string, unknown> = {}) =>
      s.tasks.create(
        { ...templates.taskTemplate('folder-replication', 'mailbox-list'), name: 'Sales MFR', ...overrides },
        ALICE,
      );

    it('creates a task from references by name, storing ids, and shows it with names', async () => {
      const task = await newTask();
      const schedule = await s.schedules.get('nightly 01:00');
      expect(task).toMatchObject({
        site: 'lon-01',
        scheduleId: schedule.id,
        scheduleName: 'Nightly 01:00',
        version: 1,
        createdBy: ALICE,
        modifiedBy: ALICE,
      });
      expect(await s.tasks.get(task.id)).toEqual(await s.tasks.get('SALES mfr'));
    });

    it('updates only schedule and definition (and enabled/description), with the version check', async () => {
      const task = await newTask();
      const updated = await s.tasks.update(
        task.name,
        { version: 1, schedule: 'Weekends 02:00', definition: 'MFR without Inbox' },
        BOB,
      );
      expect(updated).toMatchObject({
        version: 2,
        scheduleName: 'Weekends 02:00',
        definitionName: 'MFR without Inbox',
        modifiedBy: BOB,
        createdBy: ALICE,
      });
      // Sending back the fixed fields unchanged (as `show` printed them) is fine.
      await s.tasks.update(
        task.id,
        {
          version: 2,
          site: 'LON-01',
          type: 'folder-replication',
          target: { kind: 'mailbox-list', emails: 'BOB@contoso.com; alice@contoso.com' },
          name: 'Sales MFR',
          enabled: false,
        },
        BOB,
      );
      expect((await s.tasks.get(task.id)).enabled).toBe(false);
    });

    it.each([
      [{ site: 'nyc-01' }, 'site', 'remove the task and create a new one on the other site'],
      [{ type: 'calendar-replication' }, 'type', 'remove the task and create a new one'],
      [
        { target: { kind: 'mailbox', email: 'x@contoso.com' } },
        'target',
        'remove the task and create a new one',
      ],
      [{ name: 'Renamed' }, 'name', 'cannot change'],
    ])('refuses to change a fixed field: %j', async (change, field, hint) => {
      const task = await newTask();
      const before = await store.list('');
      const error = await s.tasks.update(task.id, { version: 1, ...change }, BOB).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).message).toMatch(new RegExp(`^${field}: .*${hint}`));
      expect(await store.list('')).toEqual(before);
    });

    it('refuses a definition of another type, on create and on update', async () => {
      await expect(newTask({ definition: 'Calendar replication - default calendar' })).rejects.toThrow(
        /definition: "Calendar replication - default calendar" is a Calendar Replication definition; this task is Mailbox Folder Replication/,
      );
      const task = await newTask();
      await expect(
        s.tasks.update(task.id, { version: 1, definition: 'Calendar replication - default calendar' }, BOB),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('refuses unknown references naming the field', async () => {
      await expect(newTask({ schedule: 'Hourly' })).rejects.toThrow(
        new NotFoundError('schedule', 'Hourly', 'schedule'),
      );
      await expect(newTask({ site: 'par-01' })).rejects.toThrow('site: site "par-01" does not exist');
      expect(await s.tasks.list()).toEqual([]);
    });

    it('refuses a stale edit, naming who changed the record and when', async () => {
      const task = await newTask();
      await s.tasks.update(task.id, { version: 1, enabled: false }, BOB);
      const error = await s.tasks
        .update(task.id, { version: 1, schedule: 'Weekends 02:00' }, ALICE)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StaleVersionError);
      expect((error as Error).message).toMatch(
        /^version: task "Sales MFR" was changed by bob@contoso.com at \d{4}-.*\(now version 2; your change was based on version 1\)/,
      );
    });

    it('keeps names unique per kind, regardless of case', async () => {
      await expect(
        s.schedules.create({ ...templates.scheduleTemplate('daily-once'), name: 'NIGHTLY 01:00' }, BOB),
      ).rejects.toThrow('name: a schedule named "Nightly 01:00" already exists');
      await expect(s.sites.create({ code: 'lon-01' }, BOB)).rejects.toBeInstanceOf(ConflictError);
      // The same name in another kind is fine.
      await s.definitions.create(
        { ...templates.definitionTemplate('calendar-replication'), name: 'Nightly 01:00' },
        BOB,
      );
    });

    it('renames a schedule and frees the old name', async () => {
      const schedule = await s.schedules.get('Nightly 01:00');
      await s.schedules.update(schedule.id, { version: 1, name: 'Every night' }, BOB);
      await expect(s.schedules.get('Nightly 01:00')).rejects.toBeInstanceOf(NotFoundError);
      expect((await s.schedules.get('every night')).id).toBe(schedule.id);
      await s.schedules.create(templates.scheduleTemplate('daily-once'), BOB);
    });

    it('refuses to remove a schedule, definition or site in use, naming the tasks', async () => {
      await newTask();
      await newTask({ name: 'Second' });
      await expect(s.schedules.remove('Nightly 01:00', BOB)).rejects.toThrow(
        'schedule "Nightly 01:00": is used by 2 tasks "Sales MFR", "Second"; change or remove them first',
      );
      await expect(s.definitions.remove('Folder replication - all folders', BOB)).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(s.sites.remove('lon-01', BOB)).rejects.toThrow(/site: is used by 2 tasks/);
      await s.tasks.remove('Second', BOB);
      await s.tasks.remove('Sales MFR', BOB);
      await s.schedules.remove('Nightly 01:00', BOB);
      await expect(s.schedules.get('Nightly 01:00')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses invalid input and an anonymous actor without writing anything', async () => {
      const before = await store.list('');
      await expect(
        s.schedules.create(
          { name: 'x', timeZone: 'UTC', recurrence: { type: 'daily-once', start: '25:00' } },
          ALICE,
        ),
      ).rejects.toBeInstanceOf(InputError);
      await expect(s.sites.create({ code: 'par-01' }, '  ')).rejects.toThrow(
        /^actor: who is making this change/,
      );
      expect(await store.list('')).toEqual(before);
    });

    it('audits every change with actor, before and after, and moves the config version', async () => {
      const start = (await readConfigVersion(store))?.counter ?? 0;
      const task = await newTask();
      await s.tasks.update(task.id, { version: 1, schedule: 'Weekends 02:00' }, BOB);
      await s.tasks.remove(task.id, ALICE);
      const entries = (await s.audit.list({ kind: 'task' })).map((e) => ({
        actor: e.actor,
        action: e.action,
        before: (e.before as { version?: number } | null)?.version ?? null,
        after: (e.after as { version?: number } | null)?.version ?? null,
      }));
      expect(entries).toEqual([
        { actor: ALICE, action: 'create', before: null, after: 1 },
        { actor: BOB, action: 'update', before: 1, after: 2 },
        { actor: ALICE, action: 'remove', before: 2, after: null },
      ]);
      expect((await readConfigVersion(store))?.counter).toBe(start + 3);
      expect(await s.audit.list({ limit: 1 })).toHaveLength(1);
    });

    it('derives a status until the site reports one', async () => {
      const task = await newTask({ enabled: false });
      expect(await s.taskStatus.get(task.id)).toMatchObject({ state: 'Disabled', sequence: 0 });
    });
  });
}
