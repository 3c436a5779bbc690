import { describe, expect, it } from 'vitest';
import type { ReplicaScope, ReplicaStore } from '../../../engine/ports/replica-store.ts';
import { T0, T1, T2, calendarItem } from './replica-store.fixtures.ts';

const day = (d: number, h = 9) =>
  `2026-12-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;

export function describeCalendarReplica(store: () => ReplicaStore, scope: ReplicaScope): void {
  describe('calendar', () => {
    it('replaces whole items, keeps the first sighting, and answers versions and calendar ids', async () => {
      await store().upsertCalendarItems(scope, [
        calendarItem('c1', day(1), day(1, 10)),
        calendarItem('c2', day(2), day(2, 10), { calendarId: 'cal-team', lastModified: undefined }),
      ]);
      const changed = calendarItem('c1', day(1), day(1, 11), {
        subject: 'Moved',
        firstSeen: T1,
        lastSeen: T1,
        lastModified: T1,
      });
      await store().upsertCalendarItems(scope, [changed]);
      const [c1] = await store().calendarItems(scope, { to: day(2) });
      expect(c1).toEqual({ ...changed, firstSeen: T0 });
      const versions = await store().calendarVersions(scope, ['c1', 'c2', 'unknown']);
      expect([...versions.entries()].sort()).toEqual([
        ['c1', T1],
        ['c2', undefined],
      ]);
      expect(await store().calendarIds(scope)).toEqual(['cal-default', 'cal-team']);
    });

    it('answers a time range, counting a series master until its recurrence ends', async () => {
      const master = calendarItem('series', day(1), day(1, 10), {
        type: 'seriesMaster',
        recurrence: {
          pattern: { type: 'daily', interval: 1 },
          range: { type: 'endDate', startDate: '2026-12-01', endDate: '2026-12-10' },
        },
      });
      const endless = calendarItem('endless', '2026-01-01T09:00:00.000Z', '2026-01-01T10:00:00.000Z', {
        type: 'seriesMaster',
        recurrence: {
          pattern: { type: 'weekly', interval: 1 },
          range: { type: 'noEnd', startDate: '2026-01-01' },
        },
      });
      await store().upsertCalendarItems(scope, [
        calendarItem('early', day(1, 7), day(1, 8)),
        calendarItem('late', day(20), day(20, 10)),
        master,
        endless,
      ]);
      const ids = async (from?: string, to?: string) =>
        (await store().calendarItems(scope, { ...(from ? { from } : {}), ...(to ? { to } : {}) })).map(
          (i) => i.id,
        );
      expect(await ids()).toEqual(['endless', 'early', 'series', 'late']);
      expect(await ids(day(5), day(15))).toEqual(['endless', 'series']);
      expect(await ids(day(15))).toEqual(['endless', 'late']);
      expect(await ids(undefined, day(1, 8))).toEqual(['endless', 'early']);
      expect((await store().calendarItems(scope, { limit: 1 })).map((i) => i.id)).toEqual(['endless']);
    });

    it('marks unchanged items seen without rewriting them, so a sweep keeps them', async () => {
      await store().upsertCalendarItems(scope, [
        calendarItem('kept', day(1), day(1, 10)),
        calendarItem('gone', day(2), day(2, 10)),
      ]);
      await store().touchCalendarItems(scope, ['kept', 'unknown'], T2);
      expect(await store().sweepCalendar(scope, 'cal-default', T2)).toBe(1);
      const [kept, ...rest] = await store().calendarItems(scope);
      expect(rest).toEqual([]);
      expect(kept).toEqual({ ...calendarItem('kept', day(1), day(1, 10)), lastSeen: T2 });
    });

    it('deletes a series master with its exceptions, and only those', async () => {
      await store().upsertCalendarItems(scope, [
        calendarItem('master', day(1), day(1, 10), { type: 'seriesMaster' }),
        calendarItem('ex1', day(8), day(8, 10), { type: 'exception', seriesMasterId: 'master' }),
        calendarItem('other-ex', day(9), day(9, 10), { type: 'exception', seriesMasterId: 'other' }),
      ]);
      expect(await store().deleteCalendarItems(scope, ['master'])).toBe(2);
      expect((await store().calendarItems(scope)).map((i) => i.id)).toEqual(['other-ex']);
    });

    it('prunes the exceptions a series master no longer has, and only its own', async () => {
      await store().upsertCalendarItems(scope, [
        calendarItem('master', day(1), day(1, 10), { type: 'seriesMaster' }),
        calendarItem('ex1', day(8), day(8, 10), { type: 'exception', seriesMasterId: 'master' }),
        calendarItem('ex2', day(15), day(15, 10), { type: 'exception', seriesMasterId: 'master' }),
        calendarItem('other-ex', day(9), day(9, 10), { type: 'exception', seriesMasterId: 'other' }),
      ]);
      expect(await store().pruneExceptions(scope, 'master', ['ex2'])).toBe(1);
      expect(await store().pruneExceptions(scope, 'other', [])).toBe(1);
      expect((await store().calendarItems(scope)).map((i) => i.id)).toEqual(['master', 'ex2']);
    });

    it('deletes, sweeps and drops calendars', async () => {
      await store().upsertCalendarItems(scope, [
        calendarItem('a', day(1), day(1, 10)),
        calendarItem('b', day(2), day(2, 10)),
        calendarItem('t', day(3), day(3, 10), { calendarId: 'cal-team' }),
      ]);
      await store().upsertCalendarItems(scope, [calendarItem('a', day(1), day(1, 10), { lastSeen: T2 })]);
      expect(await store().deleteCalendarItems(scope, ['nope'])).toBe(0);
      expect(await store().sweepCalendar(scope, 'cal-default', T2)).toBe(1);
      expect((await store().calendarItems(scope)).map((i) => i.id)).toEqual(['a', 't']);
      expect(await store().deleteCalendarItems(scope, ['a', 'a'])).toBe(1);
      expect(await store().dropCalendar(scope, 'cal-team')).toBe(1);
      expect(await store().calendarIds(scope)).toEqual([]);
    });
  });
}
