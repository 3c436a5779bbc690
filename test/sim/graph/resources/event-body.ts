import type {
  CalendarFields,
  DayOfWeek,
  EmailAddress,
  Importance,
  ItemPatch,
  Recurrence,
  RecurrencePattern,
  RecurrenceRange,
  Sensitivity,
  WeekIndex,
} from '../../model/index.ts';
import { DAYS_OF_WEEK as DAYS_OF_WEEK_LIST } from '../../model/calendar.ts';
import { errors, GraphHttpError } from '../http/graph-response.ts';
import { fromDateTimeTimeZone, upperFirst } from '../serialize/common-json.ts';
import { extendedPropertiesFromBody } from '../serialize/extended-properties.ts';

/**
 * The JSON body of POST and PATCH on events (https://learn.microsoft.com/graph/api/user-post-events,
 * https://learn.microsoft.com/graph/api/event-update) → model fields. Times must be UTC (or carry no
 * zone): the simulator serves and stores UTC only, so another `timeZone` is refused rather than
 * misread. Properties the model does not keep are refused with RequestBodyRead, like unknown ones.
 */
export interface EventChange {
  patch: ItemPatch;
  /** Calendar fields the body sets; `recurrence: null` removes it. */
  calendar: Partial<Omit<CalendarFields, 'recurrence'>> & { recurrence?: Recurrence | null };
}

const IGNORED = new Set(['@odata.type', 'reminderMinutesBeforeStart', 'isReminderOn', 'responseRequested']);
const SHOW_AS: Record<string, CalendarFields['showAs']> = {
  free: 'Free',
  tentative: 'Tentative',
  busy: 'Busy',
  oof: 'OOF',
  workingelsewhere: 'WorkingElsewhere',
  unknown: 'NoData',
};
const PATTERN_TYPES = new Set<RecurrencePattern['type']>([
  'daily',
  'weekly',
  'absoluteMonthly',
  'relativeMonthly',
  'absoluteYearly',
  'relativeYearly',
]);
const RANGE_TYPES = new Set<RecurrenceRange['type']>(['endDate', 'noEnd', 'numbered']);
const WEEK_INDEXES = new Set<WeekIndex>(['first', 'second', 'third', 'fourth', 'last']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(message: string): GraphHttpError {
  return errors.badRequest(message, 'ErrorInvalidRequest');
}

function utcTime(value: unknown, name: string): string {
  const zone = (value as { timeZone?: unknown } | null)?.timeZone;
  if (typeof zone === 'string' && !/^(utc|etc\/utc|z)$/i.test(zone)) {
    throw invalid(`${name}.timeZone '${zone}' is not supported by the simulator (UTC only).`);
  }
  const instant = fromDateTimeTimeZone(value);
  if (!instant) throw invalid(`${name} must be a dateTimeTimeZone.`);
  return instant;
}

function enumValue<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  const text = upperFirst(String(value).toLowerCase());
  const found = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
  if (!found) throw invalid(`Invalid ${name} '${String(value)}'.`);
  return found;
}

function text(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  throw invalid(`${name} must be a string.`);
}

function days(value: unknown): DayOfWeek[] {
  if (!Array.isArray(value)) throw invalid('recurrence.pattern.daysOfWeek must be a collection.');
  return value.map((d) => enumValue(String(d), DAYS_OF_WEEK_LIST, 'dayOfWeek'));
}

/** patternedRecurrence (https://learn.microsoft.com/graph/api/resources/patternedrecurrence). */
export function recurrenceFromBody(value: unknown, startDate: string): Recurrence {
  const { pattern, range } = (value ?? {}) as {
    pattern?: Record<string, unknown>;
    range?: Record<string, unknown>;
  };
  if (!pattern || !range) throw invalid('recurrence needs a pattern and a range.');
  const type = pattern['type'] as RecurrencePattern['type'];
  if (!PATTERN_TYPES.has(type)) throw invalid(`Invalid recurrence pattern type '${String(type)}'.`);
  const interval = Number(pattern['interval'] ?? 1);
  if (!Number.isInteger(interval) || interval < 1) throw invalid('recurrence.pattern.interval must be ≥ 1.');
  const out: RecurrencePattern = { type, interval };
  const needsDays = type === 'weekly' || type === 'relativeMonthly' || type === 'relativeYearly';
  if (pattern['daysOfWeek'] !== undefined) out.daysOfWeek = days(pattern['daysOfWeek']);
  if (needsDays && !out.daysOfWeek?.length) throw invalid(`A ${type} pattern needs daysOfWeek.`);
  if (type === 'absoluteMonthly' || type === 'absoluteYearly') {
    const day = Number(pattern['dayOfMonth']);
    if (!Number.isInteger(day) || day < 1 || day > 31)
      throw invalid('recurrence.pattern.dayOfMonth must be 1–31.');
    out.dayOfMonth = day;
  }
  if (type === 'absoluteYearly' || type === 'relativeYearly') {
    const month = Number(pattern['month']);
    if (!Number.isInteger(month) || month < 1 || month > 12)
      throw invalid('recurrence.pattern.month must be 1–12.');
    out.month = month;
  }
  if (type === 'relativeMonthly' || type === 'relativeYearly') {
    const index = (pattern['index'] ?? 'first') as WeekIndex;
    if (!WEEK_INDEXES.has(index)) throw invalid(`Invalid recurrence.pattern.index '${String(index)}'.`);
    out.index = index;
  }
  if (pattern['firstDayOfWeek'] !== undefined)
    out.firstDayOfWeek = enumValue(
      text(pattern['firstDayOfWeek'], 'firstDayOfWeek'),
      DAYS_OF_WEEK_LIST,
      'firstDayOfWeek',
    );
  const rangeType = range['type'] as RecurrenceRange['type'];
  if (!RANGE_TYPES.has(rangeType)) throw invalid(`Invalid recurrence range type '${String(rangeType)}'.`);
  const start = typeof range['startDate'] === 'string' ? range['startDate'] : startDate;
  if (!DATE.test(start)) throw invalid('recurrence.range.startDate must be a date (YYYY-MM-DD).');
  const outRange: RecurrenceRange = { type: rangeType, startDate: start };
  if (rangeType === 'endDate') {
    const end = range['endDate'];
    if (typeof end !== 'string' || !DATE.test(end) || end < start)
      throw invalid('recurrence.range.endDate must be a date on or after startDate.');
    outRange.endDate = end;
  }
  if (rangeType === 'numbered') {
    const count = Number(range['numberOfOccurrences']);
    if (!Number.isInteger(count) || count < 1)
      throw invalid('recurrence.range.numberOfOccurrences must be ≥ 1.');
    outRange.numberOfOccurrences = count;
  }
  return { pattern: out, range: outRange };
}

function attendees(value: unknown): { required: EmailAddress[]; optional: EmailAddress[] } {
  if (!Array.isArray(value)) throw invalid('attendees must be a collection.');
  const required: EmailAddress[] = [];
  const optional: EmailAddress[] = [];
  for (const entry of value as { type?: unknown; emailAddress?: { name?: unknown; address?: unknown } }[]) {
    const address = entry?.emailAddress?.address;
    if (typeof address !== 'string') throw invalid('An attendee has no emailAddress.address.');
    const name = typeof entry.emailAddress?.name === 'string' ? entry.emailAddress.name : address;
    (String(entry.type).toLowerCase() === 'optional' ? optional : required).push({ name, address });
  }
  return { required, optional };
}

export function eventChange(body: Record<string, unknown>): EventChange {
  const patch: ItemPatch = {};
  const calendar: EventChange['calendar'] = {};
  for (const [key, value] of Object.entries(body)) {
    if (IGNORED.has(key)) continue;
    switch (key) {
      case 'subject':
        patch.subject = text(value, key);
        break;
      case 'body': {
        const { contentType, content } = (value ?? {}) as { contentType?: unknown; content?: unknown };
        if (typeof content !== 'string') throw invalid('body.content must be a string.');
        const html = typeof contentType === 'string' && contentType.toLowerCase() === 'html';
        patch.body = { type: html ? 'html' : 'text', content };
        break;
      }
      case 'start':
        calendar.start = utcTime(value, 'start');
        break;
      case 'end':
        calendar.end = utcTime(value, 'end');
        break;
      case 'isAllDay':
        if (typeof value !== 'boolean') throw invalid('isAllDay must be a boolean.');
        calendar.isAllDay = value;
        break;
      case 'location':
        calendar.location = text(
          (value as { displayName?: unknown } | null)?.displayName,
          'location.displayName',
        );
        break;
      case 'showAs': {
        const showAs = SHOW_AS[String(value).toLowerCase()];
        if (!showAs) throw invalid(`Invalid showAs '${String(value)}'.`);
        calendar.showAs = showAs;
        break;
      }
      case 'attendees': {
        const list = attendees(value);
        calendar.requiredAttendees = list.required;
        calendar.optionalAttendees = list.optional;
        break;
      }
      case 'recurrence':
        calendar.recurrence = value === null ? null : recurrenceFromBody(value, '');
        break;
      case 'sensitivity':
        patch.sensitivity = enumValue<Sensitivity>(
          value,
          ['Normal', 'Personal', 'Private', 'Confidential'],
          key,
        );
        break;
      case 'importance':
        patch.importance = enumValue<Importance>(value, ['Low', 'Normal', 'High'], key);
        break;
      case 'categories':
        if (!Array.isArray(value) || value.some((c) => typeof c !== 'string'))
          throw invalid('categories must be strings.');
        patch.categories = value as string[];
        break;
      case 'singleValueExtendedProperties':
        patch.setExtendedProperties = extendedPropertiesFromBody(value);
        break;
      default:
        throw new GraphHttpError(
          400,
          'RequestBodyRead',
          `The property '${key}' does not exist on type 'Microsoft.OutlookServices.Event' or cannot be set by the simulator.`,
        );
    }
  }
  return { patch, calendar };
}
