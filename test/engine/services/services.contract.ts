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
import { nameKey, siteInfoKey, taskStatusKey } from '../../../engine/store/keys.ts';
import { HookedStore } from './hooked-store.ts';

export type OpenStore = (namespace: string) => Promise<KvStore>;

const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';

/** The admin services' rules, on a real store (run against SQLite and PostgreSQL). */
export function describeServices(backend: string, open: OpenStore): void {
  describe(`services on ${backend}`, () => {
    let store: KvStore;
    /** The same store, with a way to act as a second admin in the middle of a service call. */
    let hooked: HookedStore;
    let s: Services;

    beforeEach(async () => {
      store = await open(`svc${randomUUID().slice(0, 8)}`);
      hooked = new HookedStore(store);
      s = createServices(hooked);
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

    describe('references between records, when two admins race', () => {
      const taskAudit = async (id: string) =>
        (await s.audit.list({ kind: 'task' })).filter((e) => e.recordId === id);

      it('undoes a task update whose new schedule was removed between our read and our write', async () => {
        const task = await newTask();
        const weekends = await s.schedules.get('Weekends 02:00');
        // Bob removes "Weekends 02:00" right after Alice's update has looked it up (nothing used it yet).
        hooked.after('get', `schedule:${weekends.id}`, async () => {
          await s.schedules.remove(weekends.id, BOB);
        });
        const error = await s.tasks
          .update(task.id, { version: 1, schedule: 'Weekends 02:00' }, ALICE)
          .catch((e: unknown) => e);
        expect(hooked.pending).toEqual([]);
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as Error).message).toBe(`schedule: schedule "${weekends.id}" does not exist`);
        const after = await s.tasks.get(task.id);
        expect(after).toMatchObject({
          scheduleId: task.scheduleId,
          scheduleName: 'Nightly 01:00',
          version: 3,
        });
        const byVersion = (e: { after: unknown }) => (e.after as { version: number }).version;
        const entries = (await taskAudit(task.id))
          .sort((a, b) => byVersion(a) - byVersion(b))
          .map((e) => ({
            action: e.action,
            actor: e.actor,
            scheduleBefore: (e.before as { scheduleId?: string } | null)?.scheduleId ?? null,
            scheduleAfter: (e.after as { scheduleId?: string } | null)?.scheduleId ?? null,
          }));
        expect(entries).toEqual([
          { action: 'create', actor: ALICE, scheduleBefore: null, scheduleAfter: task.scheduleId },
          { action: 'update', actor: ALICE, scheduleBefore: task.scheduleId, scheduleAfter: weekends.id },
          { action: 'undo', actor: ALICE, scheduleBefore: weekends.id, scheduleAfter: task.scheduleId },
        ]);
      });

      it('undoes a task update whose new definition was removed meanwhile, naming the field', async () => {
        const task = await newTask();
        const other = await s.definitions.get('MFR without Inbox');
        hooked.after('get', `definition:${other.id}`, async () => {
          await s.definitions.remove(other.id, BOB);
        });
        await expect(
          s.tasks.update(task.id, { version: 1, definition: 'MFR without Inbox' }, ALICE),
        ).rejects.toThrow(new NotFoundError('definition', other.id, 'definition'));
        expect(await s.tasks.get(task.id)).toMatchObject({ definitionId: task.definitionId, version: 3 });
      });

      it('undoes only its own change when someone else changed the task meanwhile', async () => {
        const task = await newTask();
        const weekends = await s.schedules.get('Weekends 02:00');
        hooked.after('get', `schedule:${weekends.id}`, async () => {
          await s.schedules.remove(weekends.id, BOB);
        });
        // Carol disables the task right after Alice's write and before Alice's check: hers stands.
        hooked.after('replaceIf', `task:${task.id}`, async () => {
          await s.tasks.update(task.id, { version: 2, enabled: false }, 'carol@contoso.com');
        });
        await expect(
          s.tasks.update(task.id, { version: 1, schedule: 'Weekends 02:00' }, ALICE),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(hooked.pending).toEqual([]);
        expect(await s.tasks.get(task.id)).toMatchObject({
          version: 4,
          enabled: false,
          scheduleId: task.scheduleId,
        });
        const actions = (await taskAudit(task.id)).map((e) => `${e.action} ${e.actor}`).sort();
        expect(actions).toEqual([
          `create ${ALICE}`,
          `undo ${ALICE}`,
          `update ${ALICE}`,
          'update carol@contoso.com',
        ]);
      });

      it.each([
        ['schedule', 'Weekends 02:00', { schedule: 'Weekends 02:00' }],
        ['definition', 'MFR without Inbox', { definition: 'MFR without Inbox' }],
      ] as const)(
        'puts back a %s removed while a task was updated to use it, and refuses the removal',
        async (kind, name, change) => {
          const task = await newTask();
          const service = kind === 'schedule' ? s.schedules : s.definitions;
          const record = await service.get(name);
          // Alice's update lands after Bob's removal checked that nothing used the record.
          hooked.after('list', 'task:', async () => {
            await s.tasks.update(task.id, { version: 1, ...change }, ALICE);
          });
          await expect(service.remove(record.id, BOB)).rejects.toThrow(
            `${kind} "${name}": is used by task "Sales MFR"; change or remove it first`,
          );
          expect(await service.get(record.id)).toEqual(record);
          const undos = (await s.audit.list({ kind })).filter(
            (e) => e.recordId === record.id && e.action === 'undo',
          );
          expect(undos).toMatchObject([{ actor: BOB, before: null, after: record }]);
        },
      );

      it('puts back a site removed while a task was created on it, and refuses the removal', async () => {
        hooked.after('list', 'task:', async () => {
          await newTask({ site: 'nyc-01', name: 'NYC MFR' });
        });
        await expect(s.sites.remove('nyc-01', BOB)).rejects.toThrow(
          'site: is used by task "NYC MFR"; change or remove it first',
        );
        expect((await s.sites.get('nyc-01')).code).toBe('nyc-01');
        expect((await s.tasks.get('NYC MFR')).site).toBe('nyc-01');
      });

      it('refuses a second create of a name whose first create is between claim and record', async () => {
        const input = { ...templates.scheduleTemplate('daily-once'), name: 'Twice' };
        let second: unknown;
        // Bob creates "Twice" while Alice's create has claimed the name but not yet written the record.
        hooked.after('createIfAbsent', nameKey('schedule', 'Twice'), async () => {
          second = await s.schedules.create(input, BOB).catch((e: unknown) => e);
        });
        const first = await s.schedules.create(input, ALICE);
        expect(hooked.pending).toEqual([]);
        expect(second).toBeInstanceOf(ConflictError);
        expect((second as Error).message).toBe(
          'name: a schedule named "Twice" is being created right now by someone else; look again in a moment',
        );
        const named = (await s.schedules.list()).filter((r) => r.name === 'Twice');
        expect(named.map((r) => r.id)).toEqual([first.id]);
        expect((await s.schedules.get('twice')).createdBy).toBe(ALICE);
      });

      it('takes over a claim left without its record only once the grace period has passed', async () => {
        let now = new Date('2026-03-01T10:00:00Z');
        const clocked = createServices(store, { now: () => new Date(now) }, { claimGraceMs: 60_000 });
        const input = { ...templates.scheduleTemplate('daily-once'), name: 'Orphan' };
        // A process died after claiming "Orphan": a claim with no record behind it.
        await store.set(nameKey('schedule', 'Orphan'), { id: randomUUID(), claimedAt: now.toISOString() });
        now = new Date(now.getTime() + 59_000);
        await expect(clocked.schedules.create(input, BOB)).rejects.toThrow(/is being created right now/);
        now = new Date(now.getTime() + 2_000);
        expect((await clocked.schedules.create(input, BOB)).name).toBe('Orphan');
        // A claim written before claims carried a time counts as old.
        await store.set(nameKey('schedule', 'Legacy'), { id: randomUUID() });
        expect((await clocked.schedules.create({ ...input, name: 'Legacy' }, BOB)).name).toBe('Legacy');
      });
    });

    describe('a site that stopped heartbeating', () => {
      const at = (seconds: number) => new Date(Date.parse('2026-03-01T10:00:00Z') + seconds * 1000);
      const siteInfo = (extra: Record<string, unknown> = {}) => ({
        site: 'lon-01',
        version: '0.1.0',
        hostname: 'host-a',
        os: 'Linux',
        pid: 4242,
        startedAt: at(-600).toISOString(),
        lastActive: at(0).toISOString(),
        state: 'running',
        ...extra,
      });
      const healthAt = async (seconds: number) =>
        (await createServices(store, { now: () => at(seconds) }).sites.get('lon-01')).health;

      it('is running until 3 heartbeats (15 s when it does not say) plus 5 s are missed', async () => {
        expect((await s.sites.get('lon-01')).health).toBeUndefined();
        await store.set(siteInfoKey('lon-01'), siteInfo());
        expect(await healthAt(50)).toBe('running');
        expect(await healthAt(51)).toBe('not responding');
        await store.set(siteInfoKey('lon-01'), siteInfo({ heartbeatSeconds: 60 }));
        expect(await healthAt(185)).toBe('running');
        expect(await healthAt(186)).toBe('not responding');
        await store.set(siteInfoKey('lon-01'), siteInfo({ state: 'stopped' }));
        expect(await healthAt(3600)).toBe('stopped');
      });

      it("shows its task's state as Unknown and its last words as last known", async () => {
        const task = await newTask();
        await store.set(siteInfoKey('lon-01'), siteInfo({ heartbeatSeconds: 1 }));
        const run = {
          runId: 'r1',
          trigger: 'manual',
          state: 'running',
          startedAt: at(-30).toISOString(),
          counts: { total: 2, done: 1, failed: 0, skipped: 0, waiting: 0 },
        };
        await store.set(taskStatusKey('lon-01', task.id), {
          taskId: task.id,
          state: 'Running',
          command: 'Reading folders of alice@contoso.com',
          latestDetail: '1 of 2 mailboxes done',
          sequence: 1,
          currentRun: run,
        });
        const statusAt = (seconds: number) =>
          createServices(store, { now: () => at(seconds) }).taskStatus.get(task.id);
        expect(await statusAt(8)).toMatchObject({ state: 'Running', site: { health: 'running' } });
        expect(await statusAt(9)).toMatchObject({
          state: 'Unknown',
          command: '(last known) Reading folders of alice@contoso.com',
          latestDetail: '(last known) 1 of 2 mailboxes done',
          currentRun: run,
          site: { code: 'lon-01', health: 'not responding', lastActive: at(0).toISOString() },
        });
      });
    });
  });
}
