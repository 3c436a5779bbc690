/**
 * Graph's patternedRecurrence (https://learn.microsoft.com/graph/api/resources/patternedrecurrence) in
 * the port's protocol-neutral shape, and the dates its pattern gives.
 *
 * Graph v1.0 names a series' exceptions (events/{id}/instances, type `exception`) but not its cancelled
 * occurrences (`cancelledOccurrences` is beta only), so the adapter finds those by laying the pattern's
 * dates next to the instances Graph still lists: a date of the pattern without an instance was cancelled.
 */

export interface GraphRecurrence {
  pattern?: {
    type?: string;
    interval?: number;
    month?: number;
    dayOfMonth?: number;
    daysOfWeek?: string[];
    firstDayOfWeek?: string;
    index?: string;
  };
  range?: { type?: string; startDate?: string; endDate?: string; numberOfOccurrences?: number };
}

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const INDEX: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3, last: -1 };
const DAY_MS = 86_400_000;
/** Safety stop for a pattern that never reaches its end. */
const MAX_CANDIDATES = 50_000;

/** Only the fields the pattern's type uses, so a Graph answer and an EWS Recurrence compare equal. */
export function neutralGraphRecurrence(r: GraphRecurrence): Record<string, unknown> | undefined {
  const p = r.pattern;
  const range = r.range;
  if (!p?.type || !range?.type || !range.startDate) return undefined;
  const interval = p.interval ?? 1;
  const days = p.daysOfWeek ?? [];
  const patterns: Record<string, Record<string, unknown>> = {
    daily: { type: 'daily', interval },
    weekly: { type: 'weekly', interval, daysOfWeek: days, firstDayOfWeek: p.firstDayOfWeek ?? 'sunday' },
    absoluteMonthly: { type: 'absoluteMonthly', interval, dayOfMonth: p.dayOfMonth },
    relativeMonthly: { type: 'relativeMonthly', interval, daysOfWeek: days, index: p.index ?? 'first' },
    absoluteYearly: { type: 'absoluteYearly', interval, dayOfMonth: p.dayOfMonth, month: p.month },
    relativeYearly: {
      type: 'relativeYearly',
      interval,
      daysOfWeek: days,
      index: p.index ?? 'first',
      month: p.month,
    },
  };
  const pattern = patterns[p.type];
  if (!pattern) return undefined;
  const ranges: Record<string, Record<string, unknown>> = {
    numbered: {
      type: 'numbered',
      startDate: range.startDate,
      numberOfOccurrences: range.numberOfOccurrences,
    },
    endDate: { type: 'endDate', startDate: range.startDate, endDate: range.endDate },
    noEnd: { type: 'noEnd', startDate: range.startDate },
  };
  const neutralRange = ranges[range.type];
  return neutralRange ? { pattern, range: neutralRange } : undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function relativeDay(
  year: number,
  month: number,
  days: readonly string[],
  index: string,
): number | undefined {
  const matches: number[] = [];
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const date = Date.UTC(year, month, d);
    if (days.includes(DAYS[new Date(date).getUTCDay()] ?? '')) matches.push(date);
  }
  const position = INDEX[index] ?? 0;
  return position < 0 ? matches.at(-1) : matches[position];
}

/** The pattern's candidate days (UTC midnight of the calendar date), ascending. */
function* candidateDays(r: Required<GraphRecurrence>['pattern'], first: number): Generator<number> {
  const interval = Math.max(1, r.interval ?? 1);
  const start = new Date(first);
  const days = r.daysOfWeek?.length ? r.daysOfWeek : [DAYS[start.getUTCDay()] ?? 'sunday'];
  for (let k = 0; ; k++) {
    if (r.type === 'daily') yield first + k * interval * DAY_MS;
    else if (r.type === 'weekly') {
      const weekStartDay = Math.max(0, DAYS.indexOf(r.firstDayOfWeek ?? 'sunday'));
      const weekStart =
        first - ((start.getUTCDay() - weekStartDay + 7) % 7) * DAY_MS + k * interval * 7 * DAY_MS;
      const offsets = days.map((d) => (DAYS.indexOf(d) - weekStartDay + 7) % 7).sort((a, b) => a - b);
      for (const o of offsets) yield weekStart + o * DAY_MS;
    } else {
      const yearly = r.type?.endsWith('Yearly') ?? false;
      const months = start.getUTCMonth() + (yearly ? 0 : k * interval);
      const year = start.getUTCFullYear() + (yearly ? k * interval : Math.floor(months / 12));
      const month = yearly ? (r.month ?? start.getUTCMonth() + 1) - 1 : months % 12;
      const day = r.type?.startsWith('absolute')
        ? Date.UTC(year, month, Math.min(r.dayOfMonth ?? start.getUTCDate(), daysInMonth(year, month)))
        : relativeDay(year, month, days, r.index ?? 'first');
      if (day !== undefined) yield day;
    }
  }
}

/** The dates (YYYY-MM-DD) the series occurs on, up to `until` (exclusive) for a series without end. */
export function patternDates(r: GraphRecurrence, until: number): string[] {
  const pattern = r.pattern;
  const range = r.range;
  if (!pattern?.type || !range?.startDate) return [];
  const first = Date.parse(`${range.startDate}T00:00:00Z`);
  const last =
    range.type === 'endDate' && range.endDate ? Date.parse(`${range.endDate}T00:00:00Z`) : until - 1;
  const limit = range.type === 'numbered' ? (range.numberOfOccurrences ?? 0) : Number.POSITIVE_INFINITY;
  const out: string[] = [];
  let seen = 0;
  for (const day of candidateDays(pattern, first)) {
    if (++seen > MAX_CANDIDATES || day > last || out.length >= limit) break;
    if (day >= first) out.push(new Date(day).toISOString().slice(0, 10));
  }
  return out;
}
