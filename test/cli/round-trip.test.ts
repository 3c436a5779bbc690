import { describe, expect, it } from 'vitest';
import { RECURRENCE_TYPES, TARGET_KINDS, TASK_TYPES } from '../../engine/index.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const env = { EXSYNC_DATA_DIR: tempDir(), EXSYNC_ADMIN: 'alice@contoso.com' };
const cli = (args: string[], stdin?: string, extraEnv: Record<string, string> = {}) =>
  runCli(args, { env: { ...env, ...extraEnv }, stdin });

async function ok(args: string[], stdin?: string, extraEnv?: Record<string, string>): Promise<string> {
  const r = await cli(args, stdin, extraEnv);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

async function refused(args: string[], stdin?: string): Promise<string> {
  const r = await cli(args, stdin);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

const json = async <T>(args: string[], stdin?: string) =>
  JSON.parse(await ok([...args, '--json'], stdin)) as T;

describe('the CLI round trip an admin would script', () => {
  it(
    'creates, changes, refuses, removes, and audits every step with its actor',
    { timeout: 180_000 },
    async () => {
      // A site, from its template.
      const siteTemplate = await ok(['site', 'template']);
      await ok(['site', 'create'], siteTemplate);
      expect((await json<{ code: string }[]>(['site', 'list'])).map((s) => s.code)).toEqual(['lon-01']);

      // A schedule of each kind and a definition of each type, each from its template, as printed.
      for (const type of RECURRENCE_TYPES)
        await ok(['schedule', 'create'], await ok(['schedule', 'template', '--type', type]));
      for (const type of TASK_TYPES)
        await ok(
          ['definition', 'create', '--file', '-'],
          await ok(['definition', 'template', '--type', type]),
        );
      const schedules = await json<{ name: string; recurrence: { type: string } }[]>(['schedule', 'list']);
      expect(schedules.map((s) => s.recurrence.type).sort()).toEqual([...RECURRENCE_TYPES].sort());

      // A task with each target kind (types rotate so every type is used too).
      for (const [i, kind] of TARGET_KINDS.entries()) {
        const type = TASK_TYPES[i] ?? 'folder-replication';
        const template = JSON.parse(
          await ok(['task', 'template', '--type', type, '--target-kind', kind]),
        ) as Record<string, unknown>;
        const created = await json<{
          id: string;
          version: number;
          createdBy: string;
          createdAt: string;
          modifiedAt: string;
          modifiedBy: string;
        }>(['task', 'create'], JSON.stringify({ ...template, name: `Task ${kind}` }));
        expect(created).toMatchObject({
          version: 1,
          createdBy: 'alice@contoso.com',
          modifiedBy: 'alice@contoso.com',
        });
        expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(await json<unknown[]>(['task', 'list'])).toHaveLength(4);

      // Update the schedule and the definition (Bob, through --as).
      const task = await json<{ version: number; type: string }>(['task', 'show', 'Task ad-group']);
      const updated = await json<{
        version: number;
        scheduleName: string;
        definitionName: string;
        modifiedBy: string;
      }>(
        ['task', 'update', 'Task ad-group', '--as', 'bob@contoso.com'],
        JSON.stringify({ version: task.version, schedule: 'Weekends 02:00' }),
      );
      expect(updated).toMatchObject({
        version: 2,
        scheduleName: 'Weekends 02:00',
        modifiedBy: 'bob@contoso.com',
      });
      await ok(
        ['definition', 'create'],
        JSON.stringify({
          name: 'MFR no Inbox',
          type: 'folder-replication',
          settings: { excludeInbox: true },
        }),
      );
      const redefined = await json<{ version: number; definitionName: string }>(
        ['task', 'update', 'Task ad-group'],
        JSON.stringify({ version: 2, definition: 'MFR no Inbox' }),
      );
      expect(redefined).toMatchObject({ version: 3, definitionName: 'MFR no Inbox' });

      // Changing the site or the type is refused with the way forward; nothing changes.
      await ok(['site', 'create'], JSON.stringify({ code: 'nyc-01' }));
      expect(
        await refused(['task', 'update', 'Task ad-group'], JSON.stringify({ version: 3, site: 'nyc-01' })),
      ).toBe(
        "exsync: site: a task's site cannot change (it runs on lon-01); remove the task and create a new one on the other site",
      );
      expect(
        await refused(
          ['task', 'update', 'Task ad-group'],
          JSON.stringify({ version: 3, type: 'managed-folders' }),
        ),
      ).toBe(
        "exsync: type: a task's type cannot change (it is folder-replication); remove the task and create a new one",
      );

      // Deleting a schedule in use is refused, naming the task.
      expect(await refused(['schedule', 'remove', 'Weekends 02:00'])).toBe(
        'exsync: schedule "Weekends 02:00": is used by task "Task ad-group"; change or remove it first',
      );

      // Remove the task; then its schedule is free to go.
      expect(await ok(['task', 'remove', 'Task ad-group', '--expect-version', '3'])).toBe(
        'Removed task "Task ad-group".\n',
      );
      await ok(['schedule', 'remove', 'Weekends 02:00']);

      // The audit log shows every step with its actor.
      const audit = await json<{ actor: string; action: string; kind: string; label: string }[]>([
        'audit',
        'list',
      ]);
      const steps = audit.map((e) => `${e.actor} ${e.action} ${e.kind} ${e.label}`);
      const createdInOrder = (kind: string, n: number) =>
        Array.from({ length: n }, () =>
          expect.stringMatching(new RegExp(`^alice@contoso\\.com create ${kind} "`)),
        );
      expect(steps).toEqual([
        'alice@contoso.com create site lon-01',
        ...createdInOrder('schedule', RECURRENCE_TYPES.length),
        ...createdInOrder('definition', TASK_TYPES.length),
        ...TARGET_KINDS.map((k) => `alice@contoso.com create task "Task ${k}"`),
        'bob@contoso.com update task "Task ad-group"',
        'alice@contoso.com create definition "MFR no Inbox"',
        'alice@contoso.com update task "Task ad-group"',
        'alice@contoso.com create site nyc-01',
        'alice@contoso.com remove task "Task ad-group"',
        'alice@contoso.com remove schedule "Weekends 02:00"',
      ]);
      const human = await ok(['audit', 'list']);
      expect(human).toMatch(/bob@contoso\.com\s+update\s+task\s+"Task ad-group"\s+2\s+scheduleId/);
    },
  );

  it('has --help on every command', async () => {
    for (const args of [[], ['task'], ['task', 'update'], ['schedule', 'template'], ['audit', 'list']]) {
      const r = await cli([...args, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: exsync/);
    }
  });
});
