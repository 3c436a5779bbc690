import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../../../engine/domain/schedule.ts';
import { TaskScheduler } from '../../../engine/site/task-scheduler.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

function firingsBetween(recurrence: Recurrence, timeZone: string, from: string, to: string): string[] {
  const clock = new ManualClock(new Date(from));
  const fired: string[] = [];
  const scheduler = new TaskScheduler(clock, (_id, at) => fired.push(at.toISOString()));
  scheduler.schedule('t', { timeZone, recurrence });
  clock.advanceTo(new Date(to));
  return fired;
}

describe('task scheduler (controllable clock)', () => {
  it('one-off fires once at the local time', () => {
    expect(
      firingsBetween(
        { type: 'one-off', at: '2026-11-24T09:00' },
        'Asia/Tokyo',
        '2026-11-23T00:00:00Z',
        '2026-12-31T00:00:00Z',
      ),
    ).toEqual(['2026-11-24T00:00:00.000Z']);
  });

  it('daily once fires every day at the local time, across a DST change', () => {
    expect(
      firingsBetween(
        { type: 'daily-once', start: '06:00' },
        'America/New_York',
        '2026-10-31T00:00:00Z',
        '2026-11-03T00:00:00Z',
      ),
    ).toEqual([
      '2026-10-31T10:00:00.000Z',
      '2026-11-01T11:00:00.000Z', // EDT ends on 1 Nov 2026
      '2026-11-02T11:00:00.000Z',
    ]);
  });

  it('daily many fires through the window and resumes the next day', () => {
    expect(
      firingsBetween(
        { type: 'daily-many', start: '22:00', end: '23:00', intervalMinutes: 20 },
        'UTC',
        '2026-11-23T22:10:00Z',
        '2026-11-24T22:30:00Z',
      ),
    ).toEqual([
      '2026-11-23T22:20:00.000Z',
      '2026-11-23T22:40:00.000Z',
      '2026-11-23T23:00:00.000Z',
      '2026-11-24T22:00:00.000Z',
      '2026-11-24T22:20:00.000Z',
    ]);
  });

  it('weekly fires only on its days', () => {
    expect(
      firingsBetween(
        { type: 'weekly', days: ['wed'], daily: { type: 'daily-once', start: '12:00' } },
        'Europe/Berlin',
        '2026-11-23T00:00:00Z',
        '2026-12-10T00:00:00Z',
      ),
    ).toEqual(['2026-11-25T11:00:00.000Z', '2026-12-02T11:00:00.000Z', '2026-12-09T11:00:00.000Z']);
  });

  it('unschedules and reports the next firing', () => {
    const clock = new ManualClock(new Date('2026-11-23T00:00:00Z'));
    const fired: string[] = [];
    const scheduler = new TaskScheduler(clock, (id) => fired.push(id));
    expect(
      scheduler
        .schedule('a', { timeZone: 'UTC', recurrence: { type: 'daily-once', start: '01:00' } })
        ?.toISOString(),
    ).toBe('2026-11-23T01:00:00.000Z');
    scheduler.unschedule('a');
    expect(scheduler.next('a')).toBeUndefined();
    clock.advanceTo(new Date('2026-11-25T00:00:00Z'));
    expect(fired).toEqual([]);
  });
});
