import { describe, expect, it } from 'vitest';
import { createServices, openStore, templates } from '../../engine/index.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const dataDir = tempDir();
const ROUNDS = 8;

describe('two processes updating the same task from the same version', () => {
  it('lets exactly one win and refuses the other as stale, every time', { timeout: 120_000 }, async () => {
    const store = await openStore({ dataDir });
    const s = createServices(store);
    await s.sites.create(templates.siteTemplate(), 'setup');
    await s.schedules.create(templates.scheduleTemplate('daily-once'), 'setup');
    await s.schedules.create(templates.scheduleTemplate('weekly'), 'setup');
    await s.definitions.create(templates.definitionTemplate('folder-replication'), 'setup');
    const task = await s.tasks.create({ ...templates.taskTemplate(), name: 'Contested' }, 'setup');

    for (let round = 0; round < ROUNDS; round++) {
      const { version } = await s.tasks.get(task.id);
      const edit = (admin: string, schedule: string) =>
        runCli(['task', 'update', task.id, '--as', admin], {
          env: { EXSYNC_DATA_DIR: dataDir },
          stdin: JSON.stringify({ version, schedule }),
        });
      const results = await Promise.all([
        edit('alice@contoso.com', 'Nightly 01:00'),
        edit('bob@contoso.com', 'Weekends 02:00'),
      ]);
      const winners = results.filter((r) => r.code === 0);
      const losers = results.filter((r) => r.code === 2);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]?.stderr).toMatch(
        new RegExp(
          `^exsync: version: task "Contested" was changed by (alice|bob)@contoso\\.com at .* \\(now version ${version + 1}; your change was based on version ${version}\\)`,
        ),
      );
      expect((await s.tasks.get(task.id)).version).toBe(version + 1);
    }
    const updates = (await s.audit.list({ kind: 'task' })).filter((e) => e.action === 'update');
    expect(updates).toHaveLength(ROUNDS);
    await store.close();
  });
});
