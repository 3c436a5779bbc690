import { describe, expect, it } from 'vitest';
import { scheduleInputSchema } from '../../../engine/domain/schedule.ts';
import { describeRecurrence } from '../../../engine/domain/describe-recurrence.ts';
import { InputError } from '../../../engine/errors/index.ts';
import { parseInput } from '../../../engine/validation/parse-input.ts';

const parse = (recurrence: unknown, timeZone: unknown = 'Europe/London') =>
  parseInput(scheduleInputSchema, { name: 'S', timeZone, recurrence });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('schedules', () => {
  it('accepts each kind and describes it in words', () => {
    expect(describeRecurrence(parse({ type: 'one-off', at: '2026-12-24T18:00' }).recurrence)).toBe(
      'Once on 2026-12-24 18:00',
    );
    expect(describeRecurrence(parse({ type: 'daily-once', start: '01:00' }).recurrence)).toBe(
      'Daily at 01:00',
    );
    expect(
      describeRecurrence(
        parse({ type: 'daily-many', start: '08:00', end: '18:00', intervalMinutes: 30 }).recurrence,
      ),
    ).toBe('Daily every 30 min 08:00–18:00');
    expect(
      describeRecurrence(
        parse({ type: 'weekly', days: ['sun', 'sat'], daily: { type: 'daily-once', start: '02:00' } })
          .recurrence,
      ),
    ).toBe('Sat, Sun at 02:00');
  });

  it('canonicalises the time zone and defaults the description', () => {
    const s = parse({ type: 'daily-once', start: '01:00' }, 'utc');
    expect(s.timeZone).toBe('UTC');
    expect(s.description).toBe('');
  });

  it.each([
    [{ type: 'daily-once', start: '24:00' }, 'recurrence.start: must be a 24-hour time'],
    [
      { type: 'daily-many', start: '08:00', end: '08:00', intervalMinutes: 5 },
      'recurrence.end: must be later than start',
    ],
    [
      { type: 'daily-many', start: '08:00', end: '09:00', intervalMinutes: 90 },
      'recurrence.intervalMinutes: is longer than the window',
    ],
    [
      { type: 'daily-many', start: '08:00', end: '09:00', intervalMinutes: 1.5 },
      'recurrence.intervalMinutes: must be a whole number',
    ],
    [{ type: 'daily-many', start: '08:00', end: '09:00' }, 'recurrence.intervalMinutes: is required'],
    [{ type: 'one-off', at: '2026-02-30T10:00' }, 'recurrence.at: is not a real calendar date'],
    [{ type: 'one-off', at: '2026-02-01 10:00' }, 'recurrence.at: must be a local date and time'],
    [
      { type: 'weekly', days: [], daily: { type: 'daily-once', start: '02:00' } },
      'recurrence.days: must list at least one day',
    ],
    [
      { type: 'weekly', days: ['mon', 'mon'], daily: { type: 'daily-once', start: '02:00' } },
      'recurrence.days: lists a day twice',
    ],
    [
      { type: 'weekly', days: ['funday'], daily: { type: 'daily-once', start: '02:00' } },
      'recurrence.days[0]: must be one of mon',
    ],
    [
      { type: 'weekly', days: ['mon'], daily: { type: 'one-off', at: '2026-01-01T00:00' } },
      'recurrence.daily.type: "one-off" is not allowed',
    ],
    [
      { type: 'hourly' },
      'recurrence.type: "hourly" is not allowed; must be one of one-off, daily-once, daily-many, weekly',
    ],
    [{ type: 'daily-once', start: '01:00', extra: 1 }, 'recurrence.extra: is not a known field'],
  ])('refuses %j', (recurrence, message) => {
    expect(refusal(() => parse(recurrence))).toContain(message);
  });

  it('refuses a time zone that is not IANA', () => {
    expect(refusal(() => parse({ type: 'daily-once', start: '01:00' }, 'GMT+1'))).toContain(
      'timeZone: "GMT+1" is not an IANA time zone',
    );
    expect(refusal(() => parse({ type: 'daily-once', start: '01:00' }, 'Mars/Olympus'))).toContain(
      'is not an IANA time zone',
    );
  });
});
