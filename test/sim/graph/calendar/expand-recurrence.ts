import type { CalendarFields, DayOfWeek, RecurrencePattern } from '../../model/index.ts';

/**
 * Expands a recurring master into the occurrences a calendar view shows
 * (https://learn.microsoft.com/graph/api/resources/patternedrecurrence). Everything is in UTC: the
 * model stores UTC instants and the simulator serves `timeZone: "UTC"`. A day of month beyond the end
 * of a month falls on the month's last day.
 */

export interface Occurrence {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;
const DAYS: readonly DayOfWeek[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];
const INDEX = { first: 0, second: 1, third: 2, fourth: 3, last: -1 } as const;
/** Safety stop for patterns whose dates never reach the window. */
const MAX_CANDIDATES = 200_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function utcDate(year: number, month: number, day: number): number {
  return Date.UTC(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The index-th (or last) day of the month whose weekday is in `days`. */
function relativeDay(
  year: number,
  month: number,
  days: readonly DayOfWeek[],
  index: RecurrencePattern['index'],
): number | undefined {
  const matches: number[] = [];
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const date = utcDate(year, month, d);
    if (days.includes(DAYS[new Date(date).getUTCDay()] as DayOfWeek)) matches.push(date);
  }
  const position = INDEX[index ?? 'first'];
  return position < 0 ? matches.at(-1) : matches[position];
}

/** Candidate occurrence days (UTC midnight), ascending, from the pattern alone. */
function* candidateDays(pattern: RecurrencePattern, first: number): Generator<number> {
  const interval = Math.max(1, pattern.interval);
  const start = new Date(first);
  const days = pattern.daysOfWeek?.length ? pattern.daysOfWeek : [DAYS[start.getUTCDay()] as DayOfWeek];
  for (let k = 0; ; k++) {
    switch (pattern.type) {
      case 'daily':
        yield first + k * interval * DAY_MS;
        break;
      case 'weekly': {
        const weekStartDay = DAYS.indexOf(pattern.firstDayOfWeek ?? 'sunday');
        const offset = (start.getUTCDay() - weekStartDay + 7) % 7;
        const weekStart = first - offset * DAY_MS + k * interval * 7 * DAY_MS;
        const offsets = days.map((d) => (DAYS.indexOf(d) - weekStartDay + 7) % 7).sort((a, b) => a - b);
        for (const o of offsets) yield weekStart + o * DAY_MS;
        break;
      }
      case 'absoluteMonthly':
      case 'relativeMonthly':
      case 'absoluteYearly':
      case 'relativeYearly': {
        const yearly = pattern.type.endsWith('Yearly');
        const months = start.getUTCMonth() + (yearly ? 0 : k * interval);
        const year = start.getUTCFullYear() + (yearly ? k * interval : Math.floor(months / 12));
        const month = yearly ? (pattern.month ?? start.getUTCMonth() + 1) - 1 : months % 12;
        const day = pattern.type.startsWith('absolute')
          ? utcDate(year, month, Math.min(pattern.dayOfMonth ?? start.getUTCDate(), daysInMonth(year, month)))
          : relativeDay(year, month, days, pattern.index);
        if (day !== undefined) yield day;
        break;
      }
    }
  }
}

/** Occurrences of a recurring item that overlap [windowStart, windowEnd). */
export function expandOccurrences(
  calendar: CalendarFields,
  windowStart: number,
  windowEnd: number,
): Occurrence[] {
  const recurrence = calendar.recurrence;
  if (!recurrence) return [];
  const masterStart = Date.parse(calendar.start);
  const duration = Math.max(0, Date.parse(calendar.end) - masterStart);
  const timeOfDay = masterStart - dayStart(masterStart);
  const rangeStart = Date.parse(`${recurrence.range.startDate}T00:00:00Z`);
  const rangeEnd =
    recurrence.range.type === 'endDate' && recurrence.range.endDate
      ? Date.parse(`${recurrence.range.endDate}T00:00:00Z`)
      : Number.POSITIVE_INFINITY;
  const limit =
    recurrence.range.type === 'numbered'
      ? (recurrence.range.numberOfOccurrences ?? 0)
      : Number.POSITIVE_INFINITY;
  const out: Occurrence[] = [];
  let counted = 0;
  let seen = 0;
  for (const day of candidateDays(recurrence.pattern, rangeStart)) {
    if (++seen > MAX_CANDIDATES || day > rangeEnd || counted >= limit) break;
    if (day < rangeStart) continue;
    counted++;
    const start = day + timeOfDay;
    if (start >= windowEnd) break;
    if (start + duration > windowStart || (duration === 0 && start >= windowStart)) {
      out.push({ start: iso(start), end: iso(start + duration) });
    }
  }
  return out;
}

/** Whether a single (non-recurring) item overlaps the window. */
export function overlaps(start: string, end: string, windowStart: number, windowEnd: number): boolean {
  const s = Date.parse(start);
  const e = Date.parse(end);
  return s < windowEnd && (e > windowStart || (e === s && s >= windowStart));
}
