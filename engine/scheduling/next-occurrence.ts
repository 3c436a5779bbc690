import { DateTime } from 'luxon';
import { minutesOfDay, WEEKDAYS, type Weekday } from '../domain/fields.ts';
import type { Recurrence } from '../domain/schedule.ts';

export interface ScheduleTiming {
  readonly timeZone: string;
  readonly recurrence: Recurrence;
}

/** A week always contains a day a weekly schedule runs on; one more day covers "later today" edge cases. */
const DAYS_TO_SEARCH = 8;

/**
 * The first firing strictly after `after`, or undefined when there is none (a one-off in the past).
 * Times are wall-clock times in the schedule's zone: a time skipped by a DST change runs at the first
 * valid moment after it, and a time that occurs twice runs once, at its first occurrence.
 */
export function nextOccurrence(schedule: ScheduleTiming, after: Date): Date | undefined {
  const { recurrence, timeZone } = schedule;
  const from = DateTime.fromJSDate(after, { zone: timeZone });
  if (recurrence.type === 'one-off') {
    const at = DateTime.fromISO(recurrence.at, { zone: timeZone });
    return at > from ? at.toJSDate() : undefined;
  }
  const days = recurrence.type === 'weekly' ? recurrence.days : WEEKDAYS;
  const daily = recurrence.type === 'weekly' ? recurrence.daily : recurrence;
  const slots = slotMinutes(daily);
  for (let offset = 0; offset < DAYS_TO_SEARCH; offset++) {
    const day = from.startOf('day').plus({ days: offset });
    if (!days.includes(weekdayOf(day))) continue;
    for (const minutes of slots) {
      const at = earliestInstant(day, minutes, timeZone);
      if (at > from) return at.toJSDate();
      // In the repeated hour of a DST fall-back the same wall time comes round again; it has run already.
    }
  }
  return undefined;
}

/**
 * The instant a wall-clock time happens on a day. Where the zone repeats that time (DST ends), luxon
 * picks the later instant; a schedule means the first, so look back by the sizes DST shifts come in.
 */
function earliestInstant(day: DateTime, minutes: number, zone: string): DateTime {
  const wall = {
    year: day.year,
    month: day.month,
    day: day.day,
    hour: Math.floor(minutes / 60),
    minute: minutes % 60,
  };
  const at = DateTime.fromObject(wall, { zone });
  for (const back of [60, 30]) {
    const earlier = at.minus({ minutes: back });
    if (earlier.hour === at.hour && earlier.minute === at.minute && earlier.day === at.day) return earlier;
  }
  return at;
}

/** Minutes after local midnight at which a daily setting fires. */
function slotMinutes(daily: Exclude<Recurrence, { type: 'one-off' | 'weekly' }>): number[] {
  const start = minutesOfDay(daily.start);
  if (daily.type === 'daily-once') return [start];
  const end = minutesOfDay(daily.end);
  const slots: number[] = [];
  for (let m = start; m <= end; m += daily.intervalMinutes) slots.push(m);
  return slots;
}

function weekdayOf(day: DateTime): Weekday {
  return WEEKDAYS[day.weekday - 1] as Weekday;
}
