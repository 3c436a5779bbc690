import { beforeAll, describe, expect, it } from 'vitest';
import { MAILBOX, SHA, TASK, seedBrowsableReplica } from '../engine/platform/replica-store.cli-seed.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const dataDir = tempDir();
const env = { EXSYNC_DATA_DIR: dataDir };
const cli = (...args: string[]) => runCli(['platform', ...args], { env });
type Json = Record<string, unknown>;

describe('exsync platform: browsing the replica', () => {
  let taskId = '';
  beforeAll(async () => {
    ({ taskId } = await seedBrowsableReplica(dataDir));
  });

  it('prints the folder tree indented, with counts, deleted folders marked; by task name or id and any case of the address', async () => {
    for (const ref of [TASK, taskId]) {
      const r = await cli('folders', ref, 'Alice@Contoso.COM');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout.split('\n').map((l) => l.trimEnd())).toEqual([
        'FOLDER      LIVE  DELETED  STATE',
        'Archive     0     0',
        '  A/B       0     0',
        'Inbox       1     0',
        '  Projects  1     0',
        '    2019    0     2        deleted 2026-11-30T10:00:00.000Z',
        '',
      ]);
    }
  });

  it('lists messages newest received first with their current or last known folder, and says what --limit left out', async () => {
    const all = await cli('items', TASK, MAILBOX);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^RECEIVED\s+FROM\s+SUBJECT\s+FOLDER\s+STATE$/);
    expect(lines.slice(1, 5).map((l) => l.split(/\s{2,}/))).toEqual([
      [
        '2026-11-03T10:00:00.000Z',
        MAILBOX,
        'Gone',
        'Inbox/Projects/2019',
        'deleted 2026-11-30T09:00:00.000Z',
      ],
      ['2026-11-02T10:00:00.000Z', MAILBOX, 'Moved along', 'Inbox/Projects'],
      ['2026-11-01T10:00:00.000Z', MAILBOX, 'Subject m1', 'Inbox'],
      // Its folder was deleted after it: it left Exchange with the folder, and stays where it was.
      ['-', '-', 'Draft', 'Inbox/Projects/2019', 'deleted 2026-11-30T10:00:00.000Z'],
    ]);
    expect(lines.at(-1)).toBe('Showing 4 of 4 messages.');
    const limited = await cli('items', TASK, MAILBOX, '--folder', 'Inbox/Projects/2019', '--limit', '1');
    expect(limited.stdout.trim().split('\n').at(-1)).toBe('Showing 1 of 2 messages (--limit shows more).');
    const deleted = await cli('items', TASK, MAILBOX, '--deleted', '--json');
    const json = JSON.parse(deleted.stdout) as { matching: number; items: Json[] };
    expect(json.matching).toBe(2);
    expect(json.items.map((i) => [i['id'], i['folderPath'], i['deletedAt']])).toEqual([
      ['m3', 'Inbox/Projects/2019', '2026-11-30T09:00:00.000Z'],
      ['m4', 'Inbox/Projects/2019', '2026-11-30T10:00:00.000Z'],
    ]);
  });

  it('shows where a moved message was before (--json)', async () => {
    const r = await cli('items', TASK, MAILBOX, '--folder', 'Inbox/Projects', '--json');
    const json = JSON.parse(r.stdout) as Json;
    expect(json).toMatchObject({ task: { id: taskId, name: TASK }, mailbox: MAILBOX, matching: 1 });
    expect(json['items']).toEqual([
      expect.objectContaining({
        id: 'm2-new',
        folderPath: 'Inbox/Projects',
        previousLocations: [
          {
            folderId: 'inbox',
            folderPath: 'Inbox',
            since: '2026-11-30T08:00:00.000Z',
            until: '2026-11-30T09:00:00.000Z',
          },
        ],
      }),
    ]);
  });

  it('lists calendar items in a range with each attachment’s name, size and SHA-256', async () => {
    const r = await cli('calendar', TASK, MAILBOX, '--from', '2026-12-05', '--to', '2027-01-01');
    expect(r.code).toBe(0);
    const [items = '', attachments = ''] = r.stdout.trim().split('\n\n');
    expect(
      items
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s{2,}/).slice(2)),
    ).toEqual([
      ['Weekly', 'Calendar', 'seriesMaster', '0'],
      ['Weekly (moved)', 'Calendar', 'exception', '1'],
    ]);
    expect(
      attachments
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s{2,}/)),
    ).toEqual([['Weekly (moved)', 'notes.txt', '5 bytes', 'cd'.repeat(32)]]);
    const json = JSON.parse(
      (await cli('calendar', TASK, MAILBOX, '--to', '2026-12-02T00:00+01:00', '--json')).stdout,
    ) as Json;
    expect(json).toMatchObject({ to: '2026-12-01T23:00:00.000Z' });
    expect(json['items']).toEqual([
      expect.objectContaining({
        id: 'c-single',
        attachments: [
          { name: 'agenda.pdf', contentType: 'application/pdf', size: 2048, isInline: false, sha256: SHA },
        ],
      }),
    ]);
  });

  it('says so when a mailbox has nothing in the replica', async () => {
    const r = await cli('items', TASK, 'bob@contoso.com');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      `No messages of bob@contoso.com in the replica of task "${TASK}" (yet: a replication run fills it).\n`,
    );
  });

  it.each([
    ['an unknown task', ['folders', 'No such task', MAILBOX], 'exsync: task "No such task" does not exist'],
    [
      'a bad address',
      ['folders', TASK, 'alice@contoso'],
      'exsync: mailbox: "alice@contoso" is not a valid e-mail address (the domain "contoso" is not valid)',
    ],
    [
      'a limit of 0',
      ['items', TASK, MAILBOX, '--limit', '0'],
      'exsync: --limit: must be a whole number from 1 to 10000, not "0"',
    ],
    [
      'a limit that is not a number',
      ['items', TASK, MAILBOX, '--limit', '5x'],
      'exsync: --limit: must be a whole number from 1 to 10000, not "5x"',
    ],
    [
      'an unknown folder',
      ['items', TASK, MAILBOX, '--folder', 'inbox'],
      `exsync: --folder: no folder "inbox" in the replica of ${MAILBOX}`,
    ],
    [
      'a date that is not one',
      ['calendar', TASK, MAILBOX, '--from', '12/01/2026'],
      'exsync: --from: "12/01/2026" is not a date; use 2026-12-01 or 2026-12-01T09:00Z',
    ],
    [
      'a day that does not exist',
      ['calendar', TASK, MAILBOX, '--to', '2026-02-30'],
      'exsync: --to: "2026-02-30" is not a date; use 2026-12-01 or 2026-12-01T09:00Z',
    ],
    [
      'a date-time without a zone',
      ['calendar', TASK, MAILBOX, '--to', '2026-12-01T09:00'],
      'exsync: --to: "2026-12-01T09:00" is not a date; use 2026-12-01 or 2026-12-01T09:00Z',
    ],
    [
      'a range that ends before it starts',
      ['calendar', TASK, MAILBOX, '--from', '2026-12-02', '--to', '2026-12-01'],
      'exsync: --to: must be later than --from (2026-12-02T00:00:00.000Z)',
    ],
  ])('refuses %s with one line and exit code 2', async (_what, args, message) => {
    const r = await cli(...args);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});
