import type {
  DayOfWeek,
  Recurrence,
  RecurrencePattern,
  RecurrenceRange,
  WeekIndex,
} from '../../model/calendar.ts';
import { DAYS_OF_WEEK } from '../../model/calendar.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { ewsDate, parseEwsDate } from '../protocol/ews-time.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { childText } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';

/**
 * t:Recurrence (https://learn.microsoft.com/exchange/client-developer/web-service-reference/recurrence-recurrencetype):
 * one pattern element (DailyRecurrence, WeeklyRecurrence, AbsoluteMonthlyRecurrence, RelativeMonthlyRecurrence,
 * AbsoluteYearlyRecurrence, RelativeYearlyRecurrence) then one range element (NoEndRecurrence,
 * EndDateRecurrence, NumberedRecurrence).
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const INDEX_NAMES: Record<WeekIndex, string> = {
  first: 'First',
  second: 'Second',
  third: 'Third',
  fourth: 'Fourth',
  last: 'Last',
};

const capital = (day: DayOfWeek): string => day[0]?.toUpperCase() + day.slice(1);

function days(list: readonly DayOfWeek[] | undefined): string {
  return (list ?? []).map(capital).join(' ');
}

function writePattern(p: RecurrencePattern): string {
  switch (p.type) {
    case 'daily':
      return el('t:DailyRecurrence', undefined, textEl('t:Interval', p.interval));
    case 'weekly':
      return el(
        't:WeeklyRecurrence',
        undefined,
        textEl('t:Interval', p.interval) +
          textEl('t:DaysOfWeek', days(p.daysOfWeek)) +
          (p.firstDayOfWeek ? textEl('t:FirstDayOfWeek', capital(p.firstDayOfWeek)) : ''),
      );
    case 'absoluteMonthly':
      return el(
        't:AbsoluteMonthlyRecurrence',
        undefined,
        textEl('t:Interval', p.interval) + textEl('t:DayOfMonth', p.dayOfMonth ?? 1),
      );
    case 'relativeMonthly':
      return el(
        't:RelativeMonthlyRecurrence',
        undefined,
        textEl('t:Interval', p.interval) +
          textEl('t:DaysOfWeek', days(p.daysOfWeek)) +
          textEl('t:DayOfWeekIndex', INDEX_NAMES[p.index ?? 'first']),
      );
    case 'absoluteYearly':
      return el(
        't:AbsoluteYearlyRecurrence',
        undefined,
        textEl('t:DayOfMonth', p.dayOfMonth ?? 1) +
          textEl('t:Month', MONTHS[(p.month ?? 1) - 1] ?? 'January'),
      );
    case 'relativeYearly':
      return el(
        't:RelativeYearlyRecurrence',
        undefined,
        textEl('t:DaysOfWeek', days(p.daysOfWeek)) +
          textEl('t:DayOfWeekIndex', INDEX_NAMES[p.index ?? 'first']) +
          textEl('t:Month', MONTHS[(p.month ?? 1) - 1] ?? 'January'),
      );
  }
}

function writeRange(r: RecurrenceRange): string {
  const start = textEl('t:StartDate', ewsDate(r.startDate));
  if (r.type === 'endDate')
    return el(
      't:EndDateRecurrence',
      undefined,
      start + textEl('t:EndDate', ewsDate(r.endDate ?? r.startDate)),
    );
  if (r.type === 'numbered')
    return el(
      't:NumberedRecurrence',
      undefined,
      start + textEl('t:NumberOfOccurrences', r.numberOfOccurrences ?? 1),
    );
  return el('t:NoEndRecurrence', undefined, start);
}

export function writeRecurrence(recurrence: Recurrence): string {
  return el('t:Recurrence', undefined, writePattern(recurrence.pattern) + writeRange(recurrence.range));
}

function parseDays(text: string | undefined): DayOfWeek[] {
  return (text ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((d) => {
      const day = d.toLowerCase() as DayOfWeek;
      if (!DAYS_OF_WEEK.includes(day))
        throw new EwsError('ErrorInvalidValueForProperty', `Invalid day of week ${d}`);
      return day;
    });
}

function positiveInt(text: string | undefined, fallback?: number): number {
  const n = text === undefined ? fallback : Number(text);
  if (n === undefined || !Number.isInteger(n) || n < 1)
    throw new EwsError('ErrorInvalidValueForProperty', 'Recurrence values must be positive integers.');
  return n;
}

function indexOf(text: string | undefined): WeekIndex {
  const entry = Object.entries(INDEX_NAMES).find(([, name]) => name === text);
  if (!entry) throw new EwsError('ErrorInvalidValueForProperty', `Invalid DayOfWeekIndex ${text ?? ''}`);
  return entry[0] as WeekIndex;
}

function monthOf(text: string | undefined): number {
  const index = MONTHS.indexOf(text ?? '');
  if (index < 0) throw new EwsError('ErrorInvalidValueForProperty', `Invalid month ${text ?? ''}`);
  return index + 1;
}

export function readRecurrence(element: XmlElement): Recurrence {
  const [patternEl, rangeEl] = element.children;
  if (!patternEl || !rangeEl)
    throw new EwsError('ErrorInvalidValueForProperty', 'Recurrence needs a pattern and a range.');
  let pattern: RecurrencePattern;
  const interval = (): number => positiveInt(childText(patternEl, 'Interval'), 1);
  switch (patternEl.name) {
    case 'DailyRecurrence':
      pattern = { type: 'daily', interval: interval() };
      break;
    case 'WeeklyRecurrence': {
      const first = childText(patternEl, 'FirstDayOfWeek');
      pattern = {
        type: 'weekly',
        interval: interval(),
        daysOfWeek: parseDays(childText(patternEl, 'DaysOfWeek')),
      };
      if (first) pattern.firstDayOfWeek = parseDays(first)[0] ?? 'sunday';
      break;
    }
    case 'AbsoluteMonthlyRecurrence':
      pattern = {
        type: 'absoluteMonthly',
        interval: interval(),
        dayOfMonth: positiveInt(childText(patternEl, 'DayOfMonth')),
      };
      break;
    case 'RelativeMonthlyRecurrence':
      pattern = {
        type: 'relativeMonthly',
        interval: interval(),
        daysOfWeek: parseDays(childText(patternEl, 'DaysOfWeek')),
        index: indexOf(childText(patternEl, 'DayOfWeekIndex')),
      };
      break;
    case 'AbsoluteYearlyRecurrence':
      pattern = {
        type: 'absoluteYearly',
        interval: 1,
        dayOfMonth: positiveInt(childText(patternEl, 'DayOfMonth')),
        month: monthOf(childText(patternEl, 'Month')),
      };
      break;
    case 'RelativeYearlyRecurrence':
      pattern = {
        type: 'relativeYearly',
        interval: 1,
        daysOfWeek: parseDays(childText(patternEl, 'DaysOfWeek')),
        index: indexOf(childText(patternEl, 'DayOfWeekIndex')),
        month: monthOf(childText(patternEl, 'Month')),
      };
      break;
    default:
      throw new EwsError('ErrorInvalidValueForProperty', `Unsupported recurrence pattern ${patternEl.name}`);
  }
  const startDate = parseEwsDate(childText(rangeEl, 'StartDate') ?? '');
  if (!startDate) throw new EwsError('ErrorInvalidValueForProperty', 'Recurrence range needs a StartDate.');
  let range: RecurrenceRange;
  switch (rangeEl.name) {
    case 'NoEndRecurrence':
      range = { type: 'noEnd', startDate };
      break;
    case 'EndDateRecurrence': {
      const endDate = parseEwsDate(childText(rangeEl, 'EndDate') ?? '');
      if (!endDate) throw new EwsError('ErrorInvalidValueForProperty', 'EndDateRecurrence needs an EndDate.');
      range = { type: 'endDate', startDate, endDate };
      break;
    }
    case 'NumberedRecurrence':
      range = {
        type: 'numbered',
        startDate,
        numberOfOccurrences: positiveInt(childText(rangeEl, 'NumberOfOccurrences')),
      };
      break;
    default:
      throw new EwsError('ErrorInvalidValueForProperty', `Unsupported recurrence range ${rangeEl.name}`);
  }
  return { pattern, range };
}
