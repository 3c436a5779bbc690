import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplicaCalendarItem } from '../../../engine/ports/replica-store.ts';
import type { ItemView } from '../../sim/model/views.ts';
import { ADMIN, REAL_ADAPTERS, startSite, type Harness } from '../site/fixtures/site-harness.ts';
import {
  replicationScenario,
  type Protocol,
  type ReplicationScenario,
} from './fixtures/replication-scenario.ts';

/**
 * Calendar Replication end to end over EWS and Graph: default vs all calendars, a recurring series
 * with a changed and a cancelled occurrence, attachments byte-identical by SHA-256, deletions
 * followed, and a calendar no longer followed dropped. Ground truth is the simulator's model.
 */
let scenario: ReplicationScenario | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  await scenario?.close();
  harness = scenario = undefined;
});

const iso = (value: string) => new Date(value).toISOString();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** "type|subject|start" of every item the replica must hold for these calendar folders. */
function truth(s: ReplicationScenario, calendarFolders: readonly string[]): string[] {
  const keys: string[] = [];
  for (const folderId of calendarFolders)
    for (const item of s.sim.model.items(folderId)) {
      const calendar = item.calendar;
      if (!calendar) continue;
      keys.push(`${calendar.recurrence ? 'seriesMaster' : 'single'}|${item.subject}|${iso(calendar.start)}`);
      for (const exception of calendar.exceptions ?? [])
        if (!exception.deleted)
          keys.push(
            `exception|${exception.subject ?? item.subject}|${iso(exception.start ?? exception.originalStart)}`,
          );
    }
  return keys.sort();
}

const keysOf = (items: readonly ReplicaCalendarItem[]) =>
  items.map((i) => `${i.type}|${i.subject}|${iso(i.start)}`).sort();

async function replicated(s: ReplicationScenario, mailbox: string) {
  return s.platform.replica.calendarItems({ taskId: s.taskId, mailbox }, { limit: 100_000 });
}

async function setDefinition(s: ReplicationScenario, calendars: 'default' | 'all') {
  const current = await s.services.definitions.get('Replication');
  await s.services.definitions.update(
    'Replication',
    { version: current.version, settings: { calendars } },
    ADMIN,
  );
}

describe.each<Protocol>(['ews', 'graph'])('Calendar Replication over %s', (protocol) => {
  it(
    'follows the default or all calendars, series with exceptions, attachments and deletions',
    { timeout: 180_000 },
    async () => {
      const s = (scenario = await replicationScenario({
        protocol,
        type: 'calendar-replication',
        settings: { calendars: 'default' },
        population: { mailboxes: 1, foldersPerMailbox: 5, itemsPerFolder: 2, calendarItemsPerMailbox: 8 },
        runtime: { passItemLimit: 5 },
      }));
      harness = await startSite(s.dataDir, s.configFile, { adaptersModule: REAL_ADAPTERS, env: s.env });
      const site = harness.site;
      const run = () => s.runAndWait(() => site.poll());
      const mailbox = s.mailboxes[0]!;
      const model = s.sim.model;
      const calendar = model.wellKnownFolder(mailbox, 'calendar')!;
      const inbox = model.wellKnownFolder(mailbox, 'inbox')!;
      // A second calendar next to the default one, with a weekly series: one occurrence moved and
      // renamed, one cancelled, and an agenda attached.
      const team = model.createFolder(inbox.parentId!, {
        displayName: 'Team calendar',
        folderClass: 'IPF.Appointment',
      });
      const agenda = Buffer.from(`agenda ${'x'.repeat(5000)} end`);
      const series = model.createItem(team.id, {
        kind: 'calendar',
        itemClass: 'IPM.Appointment',
        subject: 'Weekly review',
        body: { type: 'text', content: 'Numbers first.' },
        attachments: [{ name: 'agenda.txt', contentType: 'text/plain', content: agenda }],
        calendar: {
          uid: 'weekly-review-1',
          start: '2026-12-07T09:00:00.000Z',
          end: '2026-12-07T10:00:00.000Z',
          isAllDay: false,
          location: 'Room 4',
          organizer: { address: mailbox, name: 'Organizer' },
          requiredAttendees: [{ address: 'bob@example.test', name: 'Bob' }],
          optionalAttendees: [],
          showAs: 'Busy',
          recurrence: {
            pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday' },
            range: { type: 'numbered', startDate: '2026-12-07', numberOfOccurrences: 5 },
          },
          exceptions: [
            {
              originalStart: '2026-12-14T09:00:00.000Z',
              start: '2026-12-15T13:00:00.000Z',
              end: '2026-12-15T14:00:00.000Z',
              subject: 'Weekly review (moved)',
              lastModifiedAt: '2026-11-29T10:00:00.000Z',
            },
            {
              originalStart: '2026-12-21T09:00:00.000Z',
              deleted: true,
              lastModifiedAt: '2026-11-29T10:00:00.000Z',
            },
          ],
        },
      });

      // Default calendar only.
      expect((await run()).lastRun?.state).toBe('succeeded');
      expect(keysOf(await replicated(s, mailbox))).toEqual(truth(s, [calendar.id]));
      await expectAttachmentsIdentical(s, mailbox, [...model.items(calendar.id)]);

      // All calendars: the team calendar joins, with its series, exception, cancelled occurrence and agenda.
      await setDefinition(s, 'all');
      expect((await run()).lastRun?.state).toBe('succeeded');
      const all = await replicated(s, mailbox);
      expect(keysOf(all)).toEqual(truth(s, [calendar.id, team.id]));
      const master = all.find((i) => i.type === 'seriesMaster' && i.subject === 'Weekly review')!;
      expect(master.calendarName).toBe('Team calendar');
      expect(master.recurrence).toMatchObject({
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
      });
      expect(master.deletedOccurrences?.map(iso)).toEqual(['2026-12-21T09:00:00.000Z']);
      expect(master.attendees.map((a) => a.address)).toContain('bob@example.test');
      expect(master.body.content).toContain('Numbers first.');
      expect(master.attachments).toEqual([
        expect.objectContaining({ name: 'agenda.txt', size: agenda.length, sha256: sha256(agenda) }),
      ]);
      expect(Buffer.from((await s.platform.blobs.get(sha256(agenda)))!).equals(agenda)).toBe(true);
      const exception = all.find((i) => i.type === 'exception')!;
      expect(exception).toMatchObject({ subject: 'Weekly review (moved)', seriesMasterId: master.id });
      expect(iso(exception.originalStart!)).toBe('2026-12-14T09:00:00.000Z');

      // The moved occurrence is cancelled after all: its exception leaves the replica with it.
      const cancelled = model.updateItem(series.id, {
        calendar: {
          ...series.calendar!,
          exceptions: [
            {
              originalStart: '2026-12-14T09:00:00.000Z',
              deleted: true,
              lastModifiedAt: '2026-11-29T11:00:00.000Z',
            },
            {
              originalStart: '2026-12-21T09:00:00.000Z',
              deleted: true,
              lastModifiedAt: '2026-11-29T10:00:00.000Z',
            },
          ],
        },
      });
      expect(cancelled.calendar?.exceptions?.every((e) => e.deleted)).toBe(true);
      expect((await run()).lastRun?.state).toBe('succeeded');
      const afterCancel = await replicated(s, mailbox);
      expect(keysOf(afterCancel)).toEqual(truth(s, [calendar.id, team.id]));
      expect(afterCancel.filter((i) => i.type === 'exception')).toEqual([]);
      const masterNow = afterCancel.find((i) => i.type === 'seriesMaster' && i.subject === 'Weekly review');
      expect(masterNow?.deletedOccurrences?.map(iso).sort()).toEqual([
        '2026-12-14T09:00:00.000Z',
        '2026-12-21T09:00:00.000Z',
      ]);

      // A deletion in Exchange leaves the replica at the next run.
      const victim = [...model.items(calendar.id)][0]!;
      model.deleteItem(victim.id, 'hard');
      model.deleteItem(series.id, 'hard');
      expect((await run()).lastRun?.state).toBe('succeeded');
      expect(keysOf(await replicated(s, mailbox))).toEqual(truth(s, [calendar.id, team.id]));

      // Back to the default calendar: the team calendar leaves the replica whole.
      await setDefinition(s, 'default');
      expect((await run()).lastRun?.state).toBe('succeeded');
      const back = await replicated(s, mailbox);
      expect(keysOf(back)).toEqual(truth(s, [calendar.id]));
      expect(back.every((i) => i.calendarName !== 'Team calendar')).toBe(true);
    },
  );
});

/** Every attachment of these items is in the replica under the SHA-256 of its bytes, and the blob has them. */
async function expectAttachmentsIdentical(
  s: ReplicationScenario,
  mailbox: string,
  items: readonly ItemView[],
) {
  const replica = await replicated(s, mailbox);
  const withAttachments = items.filter((i) => i.attachments.length > 0);
  expect(withAttachments.length).toBeGreaterThan(0);
  for (const item of withAttachments) {
    const row = replica.find((r) => r.subject === item.subject && r.type !== 'exception');
    const expected = item.attachments.map((a) => {
      const content = s.sim.model.attachment(a.id)!.content;
      return { name: a.name, sha256: sha256(content), size: content.length };
    });
    expect(row?.attachments.map((a) => ({ name: a.name, sha256: a.sha256, size: a.size }))).toEqual(expected);
    for (const attachment of expected)
      expect(sha256(Buffer.from((await s.platform.blobs.get(attachment.sha256))!))).toBe(attachment.sha256);
  }
}
