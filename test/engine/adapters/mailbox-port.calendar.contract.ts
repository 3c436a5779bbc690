import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarItem, CalendarSyncPage, MailboxPort } from '../../../engine/ports/mailbox.ts';
import type { MailboxPortHarness } from './mailbox-port.contract.ts';
import type { CalendarWriter } from './support/calendar-writer.ts';
import { failure } from './support/exchange-failure.ts';

/** Every page of a calendar round from `state`, checking each page says the same `full`. */
export async function syncCalendarToEnd(
  port: MailboxPort,
  mailbox: string,
  calendarId: string,
  state: string | undefined,
  maxChanges?: number,
): Promise<{ pages: CalendarSyncPage[]; upserted: CalendarItem[]; deleted: string[]; syncState: string }> {
  const pages: CalendarSyncPage[] = [];
  let current = state;
  for (;;) {
    const page = await port.syncCalendar(mailbox, calendarId, current, maxChanges ? { maxChanges } : {});
    pages.push(page);
    current = page.syncState;
    if (!page.more) break;
    expect(pages.length).toBeLessThan(100);
  }
  expect(new Set(pages.map((p) => p.full)).size).toBe(1);
  return {
    pages,
    upserted: pages.flatMap((p) => p.upserted),
    deleted: pages.flatMap((p) => p.deleted),
    syncState: current,
  };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The calendar every run builds: a meeting with a file, a weekly series with one exception and one cancellation. */
export const SERIES_START = '2026-03-03T10:00:00.000Z';
export const OCCURRENCE_2 = { index: 2, originalStart: '2026-03-10T10:00:00.000Z' };
export const OCCURRENCE_3 = { index: 3, originalStart: '2026-03-17T10:00:00.000Z' };
export const EXPECTED_PATTERN = {
  pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'], firstDayOfWeek: 'sunday' },
  range: { type: 'numbered', startDate: '2026-03-03', numberOfOccurrences: 4 },
};

export interface BuiltCalendar {
  readonly singleId: string;
  readonly masterId: string;
  readonly file: Buffer;
}

/** Builds the calendar above in the default calendar of `mailbox`, through the writer's protocol. */
export async function buildCalendar(writer: CalendarWriter, mailbox: string): Promise<BuiltCalendar> {
  const file = randomBytes(3000);
  const singleId = await writer.createEvent(mailbox, undefined, {
    subject: 'Budget review',
    start: '2026-03-05T14:00:00.000Z',
    end: '2026-03-05T15:30:00.000Z',
    body: { contentType: 'html', content: '<p>Numbers for Q2</p>' },
    location: 'Room 4',
    required: [{ name: 'Dana Fox', address: 'dana.fox@example.test' }],
    optional: [{ name: 'Lee Park', address: 'lee.park@example.test' }],
  });
  await writer.addAttachment(mailbox, singleId, 'budget.xlsx', 'application/vnd.ms-excel', file);
  const masterId = await writer.createEvent(mailbox, undefined, {
    subject: 'Weekly sync',
    start: SERIES_START,
    end: '2026-03-03T10:30:00.000Z',
    body: { contentType: 'text', content: 'Status round' },
    weekly: { count: 4 },
  });
  await writer.updateOccurrence(mailbox, masterId, OCCURRENCE_2, {
    subject: 'Weekly sync (moved)',
    start: '2026-03-11T15:00:00.000Z',
    end: '2026-03-11T15:30:00.000Z',
  });
  await writer.deleteOccurrence(mailbox, masterId, OCCURRENCE_3);
  return { singleId, masterId, file };
}

/**
 * Calendars (`listCalendars`, `syncCalendar`, `getCalendarAttachment`), run inside the mailbox port
 * contract on both adapters. The calendar is written through the adapter's own protocol as a user's
 * client would (harness.calendarWriter), then read back through the port.
 */
export function describeCalendarContract(
  context: () => { readonly h: MailboxPortHarness; readonly port: MailboxPort },
): void {
  describe('calendars', () => {
    let mailbox: string;
    let writer: CalendarWriter;
    let built: BuiltCalendar;
    let defaultId: string;
    let projectId: string;

    beforeAll(async () => {
      const { h, port } = context();
      mailbox = h.sim.model.mailboxAt(0)!.primarySmtp;
      writer = h.calendarWriter();
      built = await buildCalendar(writer, mailbox);
      projectId = await writer.createCalendar(mailbox, 'Project calendar');
      await writer.createEvent(mailbox, projectId, {
        subject: 'Kick-off',
        start: '2026-04-01T09:00:00.000Z',
        end: '2026-04-01T10:00:00.000Z',
        body: { contentType: 'text', content: 'Project start' },
      });
      defaultId = (await port.listCalendars(mailbox))[0]!.id;
    });

    it('lists the default calendar first and every other calendar of the mailbox, however the server pages the tree', async () => {
      const { h, port } = context();
      h.limitHierarchyResponses(2);
      const calendars = await port.listCalendars(mailbox).finally(() => h.limitHierarchyResponses(undefined));
      expect(calendars[0]).toMatchObject({ isDefault: true, name: 'Calendar' });
      expect(calendars.filter((c) => c.isDefault)).toHaveLength(1);
      expect(calendars.find((c) => c.id === projectId)).toEqual({
        id: projectId,
        name: 'Project calendar',
        isDefault: false,
      });
      const modelCalendars = h.sim.model
        .folders(h.sim.model.mailbox(mailbox)!.id)
        .filter((f) => f.folderClass === 'IPF.Appointment' && !h.sim.model.isDumpsterFolder(f.id));
      expect(calendars).toHaveLength(modelCalendars.length);
    });

    it('reads a single meeting, a series with its pattern, one exception and one cancelled occurrence', async () => {
      const { port } = context();
      const round = await syncCalendarToEnd(port, mailbox, defaultId, undefined, 2);
      expect(round.pages.every((p) => p.full)).toBe(true);
      expect(round.pages.length).toBeGreaterThan(1);
      const single = round.upserted.find((i) => i.id === built.singleId)!;
      expect(single).toMatchObject({
        calendarId: defaultId,
        type: 'single',
        subject: 'Budget review',
        start: '2026-03-05T14:00:00.000Z',
        end: '2026-03-05T15:30:00.000Z',
        isAllDay: false,
        location: 'Room 4',
        body: { contentType: 'html' },
      });
      expect(single.body.content).toContain('Numbers for Q2');
      expect(single.attendees.map(({ address, type }) => ({ address, type }))).toEqual([
        { address: 'dana.fox@example.test', type: 'required' },
        { address: 'lee.park@example.test', type: 'optional' },
      ]);
      expect(single.attachments).toEqual([
        expect.objectContaining({ name: 'budget.xlsx', size: 3000, isInline: false }),
      ]);
      const master = round.upserted.find((i) => i.id === built.masterId)!;
      expect(master).toMatchObject({ type: 'seriesMaster', subject: 'Weekly sync', start: SERIES_START });
      expect(master.recurrence).toEqual(EXPECTED_PATTERN);
      expect(master.deletedOccurrences).toEqual([OCCURRENCE_3.originalStart]);
      const exceptions = round.upserted.filter(
        (i) => i.type === 'exception' && i.seriesMasterId === master.id,
      );
      expect(exceptions).toHaveLength(1);
      expect(exceptions[0]).toMatchObject({
        originalStart: OCCURRENCE_2.originalStart,
        subject: 'Weekly sync (moved)',
        start: '2026-03-11T15:00:00.000Z',
        end: '2026-03-11T15:30:00.000Z',
        uid: master.uid,
      });
      expect(master.uid).toMatch(/\S/);
      // Every item is reported once.
      expect(new Set(round.upserted.map((i) => i.id)).size).toBe(round.upserted.length);
    });

    it('returns attachment bytes identical to what was uploaded', async () => {
      const { port } = context();
      const { upserted } = await syncCalendarToEnd(port, mailbox, defaultId, undefined);
      const single = upserted.find((i) => i.id === built.singleId)!;
      const bytes = await port.getCalendarAttachment(mailbox, single.id, single.attachments[0]!.id);
      expect(sha256(bytes)).toBe(sha256(built.file));
    });

    it('reads only the calendar asked for', async () => {
      const { port } = context();
      const { upserted } = await syncCalendarToEnd(port, mailbox, projectId, undefined);
      expect(upserted.map((i) => [i.subject, i.calendarId])).toEqual([['Kick-off', projectId]]);
    });

    it('reports a change and a deletion in the next round (EWS: just those; Graph: a full round without the deleted item)', async () => {
      const { h, port } = context();
      const first = await syncCalendarToEnd(port, mailbox, defaultId, undefined);
      const doomed = await writer.createEvent(mailbox, undefined, {
        subject: 'Cancelled lunch',
        start: '2026-03-06T12:00:00.000Z',
        end: '2026-03-06T13:00:00.000Z',
        body: { contentType: 'text', content: 'Lunch' },
      });
      const between = await syncCalendarToEnd(port, mailbox, defaultId, first.syncState);
      expect(between.upserted.map((i) => i.subject)).toContain('Cancelled lunch');
      await writer.updateSubject(mailbox, built.singleId, 'Budget review (final)');
      await writer.deleteEvent(mailbox, doomed);
      const next = await syncCalendarToEnd(port, mailbox, defaultId, between.syncState);
      const incremental = h.protocol === 'ews';
      expect(next.pages[0]!.full).toBe(!incremental);
      expect(next.upserted.find((i) => i.id === built.singleId)?.subject).toBe('Budget review (final)');
      expect(next.upserted.map((i) => i.id)).not.toContain(doomed);
      expect(next.deleted).toEqual(incremental ? [doomed] : []);
      const expectedIds = incremental ? [built.singleId] : first.upserted.map((i) => i.id);
      expect(next.upserted.map((i) => i.id).sort()).toEqual([...expectedIds].sort());
    });

    it('refuses a garbled or foreign state with sync-state-invalid', async () => {
      const { port } = context();
      for (const state of ['garbled', 'ews-calendar:full:AAAAgarbled', 'graph-items:full:x']) {
        const error = await failure(port.syncCalendar(mailbox, defaultId, state));
        expect(error.code).toBe('sync-state-invalid');
      }
    });

    it('gives up at once with cancelled when the signal fires', async () => {
      const { port } = context();
      const error = await failure(
        port.syncCalendar(mailbox, defaultId, undefined, { signal: AbortSignal.abort() }),
      );
      expect(error.code).toBe('cancelled');
    });

    // EWS: an HTTP 500 SOAP fault ErrorInternalServerError; Graph: 500 on a GET (https://learn.microsoft.com/graph/errors)
    it('asks again after a passing server error (HTTP 500) while reading, and a named EWS fault is not retried', async () => {
      const { h, port } = context();
      const before = h.sim.knobs.counterSnapshot().faults.http500;
      h.sim.knobs.injectFault('http500', { protocol: h.protocol, operation: h.calendarDetailOperation }, 1);
      const { upserted } = await syncCalendarToEnd(port, mailbox, defaultId, undefined);
      expect(h.sim.knobs.counterSnapshot().faults.http500).toBe(before + 1);
      expect(upserted.some((i) => i.id === built.masterId)).toBe(true);
      const started = Date.now();
      const error = await failure(port.listCalendars('nobody@nowhere.example'));
      expect(error.code).toBe('mailbox-not-found');
      expect(Date.now() - started).toBeLessThan(900);
    });

    it('waits as long as the throttling server says while reading a series, then succeeds', async () => {
      const { h, port } = context();
      const scripted = h.sim.knobs.counterSnapshot().throttled.scripted;
      h.sim.knobs.injectThrottle({ protocol: h.protocol, operation: h.calendarDetailOperation }, 1, 200);
      const { upserted } = await syncCalendarToEnd(port, mailbox, defaultId, undefined);
      expect(h.sim.knobs.counterSnapshot().throttled.scripted).toBe(scripted + 1);
      expect(upserted.some((i) => i.id === built.masterId)).toBe(true);
    });
  });
}
