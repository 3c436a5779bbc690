import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices, openStore, templates } from '../../engine/index.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const dataDir = tempDir();
const env = { EXSYNC_DATA_DIR: dataDir, EXSYNC_ADMIN: 'alice@contoso.com' };

/** Every row in the store (records, name claims, audit, config version): "unchanged" means this is equal. */
async function dumpStore(): Promise<unknown> {
  const store = await openStore({ dataDir });
  try {
    return await store.list('');
  } finally {
    await store.close();
  }
}

const validTask = { ...templates.taskTemplate('folder-replication', 'mailbox-list'), name: 'New task' };
const MB = 1024 * 1024;

describe('bad input through the CLI', () => {
  beforeAll(async () => {
    const store = await openStore({ dataDir });
    const s = createServices(store);
    await s.sites.create(templates.siteTemplate(), 'setup');
    await s.schedules.create(templates.scheduleTemplate('daily-once'), 'setup');
    await s.definitions.create(templates.definitionTemplate('folder-replication'), 'setup');
    await s.tasks.create({ ...validTask, name: 'Existing' }, 'setup');
    await store.close();
  });

  it.each([
    ['malformed JSON', ['task', 'create'], '{"name": "x",', /^exsync: input: is not valid JSON: /],
    ['empty input', ['task', 'create'], '   ', /^exsync: input: is empty/],
    [
      'an unknown field',
      ['task', 'create'],
      JSON.stringify({ ...validTask, colour: 'red' }),
      /^exsync: colour: is not a known field$/,
    ],
    [
      'a wrong type',
      ['task', 'create'],
      JSON.stringify({ ...validTask, enabled: 'yes' }),
      /^exsync: enabled: must be true or false, not text$/,
    ],
    [
      'an invalid address inside a list',
      ['task', 'create'],
      JSON.stringify({
        ...validTask,
        target: { kind: 'mailbox-list', emails: 'a@contoso.com; b@contoso; c@contoso.com' },
      }),
      /^exsync: target\.emails\[1\]: "b@contoso" is not a valid e-mail address \(the domain "contoso" is not valid\)$/,
    ],
    [
      'a malformed DN',
      ['task', 'create'],
      JSON.stringify({
        ...validTask,
        target: { kind: 'ad-group', dn: 'CN=Sales,OU=Groups,DC=contoso,DC=com,', groupKind: 'security' },
      }),
      /^exsync: target\.dn: is not a valid distinguished name \(RFC 4514\): expected "type=value" at character 38$/,
    ],
    [
      'an unknown reference',
      ['task', 'create'],
      JSON.stringify({ ...validTask, schedule: 'Hourly' }),
      /^exsync: schedule: schedule "Hourly" does not exist$/,
    ],
    [
      'a 1 MB field',
      ['task', 'create'],
      JSON.stringify({ ...validTask, description: 'x'.repeat(MB) }),
      /^exsync: description: is 1048576 characters long; at most 1000 are allowed$/,
    ],
    [
      'a 1 MB name in an update',
      ['schedule', 'update', 'Nightly 01:00'],
      JSON.stringify({ version: 1, name: 'n'.repeat(MB) }),
      /^exsync: name: is 1048576 characters long; at most 100 are allowed$/,
    ],
    [
      'an input over 4 MiB',
      ['task', 'create'],
      JSON.stringify({ ...validTask, description: 'x'.repeat(5 * MB) }),
      /^exsync: input: is larger than 4 MiB, the most a command accepts$/,
    ],
    [
      'a missing version on update',
      ['task', 'update', 'Existing'],
      JSON.stringify({ schedule: 'Nightly 01:00' }),
      /^exsync: version: is required$/,
    ],
    ['an unknown record', ['task', 'show', 'Nope'], '', /^exsync: task "Nope" does not exist$/],
    ['an unknown command', ['task', 'frobnicate'], '', /^error: unknown command 'frobnicate'/],
  ])('%s: exit 2, one line naming the field, store unchanged', async (_what, args, stdin, message) => {
    const before = await dumpStore();
    const r = await runCli(args, { env, stdin });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // One line, except commander's own usage error, which adds a "(run with --help for usage)" line.
    const lines = args.includes('frobnicate') ? 2 : 1;
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(lines);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(await dumpStore()).toEqual(before);
  });

  it('refuses a change without an actor', async () => {
    const before = await dumpStore();
    const r = await runCli(['site', 'create'], {
      env: { EXSYNC_DATA_DIR: dataDir },
      stdin: JSON.stringify({ code: 'par-01' }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'exsync: actor: who is making this change? Pass --as <admin> or set EXSYNC_ADMIN\n',
    );
    expect(await dumpStore()).toEqual(before);
  });

  it('reads --file and names a missing one', async () => {
    const file = path.join(dataDir, 'site.json');
    writeFileSync(file, JSON.stringify({ code: 'ber-01' }));
    expect((await runCli(['site', 'create', '--file', file], { env })).code).toBe(0);
    const r = await runCli(['site', 'create', '--file', path.join(dataDir, 'missing.json')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^exsync: --file: ".*missing\.json" does not exist or cannot be read\n$/);
  });

  it('refuses a store URL that is not PostgreSQL', async () => {
    const r = await runCli(['site', 'list'], { env: { ...env, EXSYNC_STORE_URL: 'mysql://db/exsync' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'exsync: invalid environment: EXSYNC_STORE_URL: must be a postgres:// URL (leave it unset for the embedded SQLite store)\n',
    );
  });
});
