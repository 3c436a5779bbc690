import { DayOfTheWeek, DayOfTheWeekIndex, Recurrence, type DateTime } from 'ews-javascript-api';
import { optional } from './ews-values.ts';

/**
 * An EWS Recurrence (https://learn.microsoft.com/exchange/client-developer/web-service-reference/recurrence-recurrencetype)
 * in the protocol-neutral shape of Graph's patternedRecurrence
 * (https://learn.microsoft.com/graph/api/resources/patternedrecurrence): a pattern with only the fields
 * its type uses, and a range with a start date and the end it has. The Graph adapter normalises Graph's
 * answer to the same shape (graph-calendar-item.ts), so both describe one series the same way.
 */
export type NeutralRecurrence = {
  pattern: Record<string, unknown>;
  range: Record<string, unknown>;
};

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const INDEX_NAMES = ['first', 'second', 'third', 'fourth', 'last'] as const;

function dayName(day: DayOfTheWeek): string {
  // Day, Weekday and WeekendDay have no Graph name; Graph spells them as lists of days.
  if (day === DayOfTheWeek.Weekday) return 'weekday';
  if (day === DayOfTheWeek.WeekendDay) return 'weekendDay';
  if (day === DayOfTheWeek.Day) return 'day';
  return DAY_NAMES[day] ?? 'sunday';
}

function expandDays(days: readonly DayOfTheWeek[]): string[] {
  return days.flatMap((d) => {
    if (d === DayOfTheWeek.Weekday) return ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
    if (d === DayOfTheWeek.WeekendDay) return ['saturday', 'sunday'];
    if (d === DayOfTheWeek.Day) return [...DAY_NAMES];
    return [dayName(d)];
  });
}

/** YYYY-MM-DD of a date the server sent as a date (the library reads `2026-03-02Z` as UTC midnight). */
function dateOnly(date: DateTime | undefined): string | undefined {
  if (!date) return undefined;
  const ms = date.TotalMilliSeconds;
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

function patternOf(r: Recurrence): Record<string, unknown> | undefined {
  if (r instanceof Recurrence.DailyPattern) return { type: 'daily', interval: Number(r.Interval) };
  if (r instanceof Recurrence.WeeklyPattern)
    return {
      type: 'weekly',
      interval: Number(r.Interval),
      daysOfWeek: expandDays(r.DaysOfTheWeek.GetEnumerator()),
      // Optional in EWS (the library throws when it is absent); Graph's default is Sunday.
      firstDayOfWeek: DAY_NAMES[optional(() => r.FirstDayOfWeek) ?? 0] ?? 'sunday',
    };
  if (r instanceof Recurrence.MonthlyPattern)
    return { type: 'absoluteMonthly', interval: Number(r.Interval), dayOfMonth: Number(r.DayOfMonth) };
  if (r instanceof Recurrence.RelativeMonthlyPattern)
    return {
      type: 'relativeMonthly',
      interval: Number(r.Interval),
      daysOfWeek: expandDays([r.DayOfTheWeek]),
      index: INDEX_NAMES[r.DayOfTheWeekIndex] ?? INDEX_NAMES[DayOfTheWeekIndex.First],
    };
  if (r instanceof Recurrence.YearlyPattern)
    return { type: 'absoluteYearly', interval: 1, dayOfMonth: Number(r.DayOfMonth), month: Number(r.Month) };
  if (r instanceof Recurrence.RelativeYearlyPattern)
    return {
      type: 'relativeYearly',
      interval: 1,
      daysOfWeek: expandDays([r.DayOfTheWeek]),
      index: INDEX_NAMES[r.DayOfTheWeekIndex] ?? 'first',
      month: Number(r.Month),
    };
  // Regeneration patterns belong to tasks, not calendar items.
  return undefined;
}

export function neutralRecurrence(r: Recurrence): NeutralRecurrence | undefined {
  const pattern = patternOf(r);
  const startDate = dateOnly(r.StartDate);
  if (!pattern || !startDate) return undefined;
  // The library hands some numbers over as the XML text it read.
  const numbered = Number(optional(() => r.NumberOfOccurrences) ?? 0);
  const endDate = r.HasEnd && !numbered ? dateOnly(r.EndDate) : undefined;
  const range = numbered
    ? { type: 'numbered', startDate, numberOfOccurrences: numbered }
    : endDate
      ? { type: 'endDate', startDate, endDate }
      : { type: 'noEnd', startDate };
  return { pattern, range };
}
