import { createServices, openStore, templates } from '../../../engine/index.ts';
import { openReplicaStore } from '../../../engine/adapters/platform/replica/open-replica-store.ts';
import type { ReplicaScope } from '../../../engine/ports/replica-store.ts';
import { T0, T1, T2, calendarItem, folder, message, run } from './replica-store.fixtures.ts';

export const TASK = 'Replicate Sales';
export const MAILBOX = 'alice@contoso.com';
export const SHA = 'ab'.repeat(32);

/**
 * A folder-replication task in the store and a replica for it that shows every field the browse
 * commands print: nested and deleted folders, a moved message, a deleted one, one without optional
 * fields, and single, recurring and exception calendar items with attachments.
 */
export async function seedBrowsableReplica(dataDir: string): Promise<{ taskId: string }> {
  const store = await openStore({ dataDir });
  const s = createServices(store);
  await s.sites.create(templates.siteTemplate(), 'setup');
  await s.schedules.create(templates.scheduleTemplate('daily-once'), 'setup');
  await s.definitions.create(templates.definitionTemplate('folder-replication'), 'setup');
  const task = await s.tasks.create(
    { ...templates.taskTemplate('folder-replication', 'mailbox-list'), name: TASK },
    'setup',
  );
  await store.close();

  const replica = await openReplicaStore({ dataDir });
  const scope: ReplicaScope = { taskId: task.id, mailbox: MAILBOX };
  try {
    await replica.applyFolderChanges(
      scope,
      [
        folder('inbox', 'Inbox', 'root', 'inbox'),
        folder('projects', 'Projects', 'inbox'),
        folder('y2019', '2019', 'projects'),
        folder('archive', 'Archive'),
        folder('slash', 'A/B', 'archive'),
      ],
      T0,
    );
    const inbox = (id: string, day: number, extra = {}) =>
      message(id, 'inbox', { receivedAt: `2026-11-0${day}T10:00:00.000Z`, ...extra });
    await replica.applyItemChanges(
      scope,
      'inbox',
      [
        { kind: 'upsert', item: inbox('m1', 1, { categories: ['Red'], isRead: true }) },
        { kind: 'upsert', item: inbox('m2', 2, { subject: 'Moved along' }) },
      ],
      run('run-1', T0),
    );
    await replica.applyItemChanges(
      scope,
      'y2019',
      [
        {
          kind: 'upsert',
          item: message('m3', 'y2019', { receivedAt: '2026-11-03T10:00:00.000Z', subject: 'Gone' }),
        },
        { kind: 'upsert', item: withoutOptionals(message('m4', 'y2019', { subject: 'Draft' })) },
      ],
      run('run-1', T0),
    );
    // An EWS move of m2 to Projects (new id), and m3 deleted, in a second run.
    await replica.applyItemChanges(scope, 'inbox', [{ kind: 'deleted', id: 'm2' }], run('run-2', T1));
    const moved = message('m2-new', 'projects', {
      internetMessageId: '<m2@contoso.com>',
      receivedAt: '2026-11-02T10:00:00.000Z',
      subject: 'Moved along',
    });
    await replica.applyItemChanges(scope, 'projects', [{ kind: 'upsert', item: moved }], run('run-2', T1));
    await replica.applyItemChanges(scope, 'y2019', [{ kind: 'deleted', id: 'm3' }], run('run-2', T1));
    await replica.applyFolderChanges(scope, [{ kind: 'deleted', id: 'y2019' }], T2);

    await replica.upsertCalendarItems(scope, [
      calendarItem('c-single', '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z', {
        uid: 'uid-single',
        timeZone: 'Europe/London',
        location: 'Room 1',
        organizer: { name: 'Alice', address: MAILBOX },
        attendees: [{ name: 'Bob', address: 'bob@contoso.com', type: 'required', response: 'accepted' }],
        showAs: 'busy',
        attachments: [
          { name: 'agenda.pdf', contentType: 'application/pdf', size: 2048, isInline: false, sha256: SHA },
        ],
      }),
      calendarItem('c-series', '2026-12-07T09:00:00.000Z', '2026-12-07T09:30:00.000Z', {
        type: 'seriesMaster',
        subject: 'Weekly',
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: { type: 'noEnd', startDate: '2026-12-07' },
        },
        deletedOccurrences: ['2026-12-14T09:00:00.000Z'],
        attachments: [],
      }),
      calendarItem('c-exception', '2026-12-21T11:00:00.000Z', '2026-12-21T11:30:00.000Z', {
        type: 'exception',
        subject: 'Weekly (moved)',
        seriesMasterId: 'c-series',
        originalStart: '2026-12-21T09:00:00.000Z',
        attachments: [{ name: 'notes.txt', size: 5, isInline: true, sha256: 'cd'.repeat(32) }],
      }),
      calendarItem('c-next-year', '2027-02-01T09:00:00.000Z', '2027-02-01T10:00:00.000Z', {
        attachments: [],
      }),
    ]);
  } finally {
    await replica.close();
  }
  return { taskId: task.id };
}

function withoutOptionals(item: ReturnType<typeof message>): ReturnType<typeof message> {
  const { internetMessageId: _i, from: _f, receivedAt: _r, sentAt: _s, ...rest } = item;
  return rest;
}
