import type { OccurrenceException } from './calendar-exceptions.ts';
import type { EmailAddress } from './email-address.ts';

/**
 * Calendar-specific fields. The recurrence shape follows Graph's patternedRecurrence (pattern + range),
 * which EWS's Recurrence element expresses one-to-one (DailyRecurrence, WeeklyRecurrence, … plus
 * NoEndRecurrence / EndDateRecurrence / NumberedRecurrence).
 */

export type DayOfWeek = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type WeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';

export const DAYS_OF_WEEK: readonly DayOfWeek[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

export interface RecurrencePattern {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
  interval: number;
  /** weekly, relativeMonthly, relativeYearly */
  daysOfWeek?: DayOfWeek[];
  /** absoluteMonthly, absoluteYearly (1–31) */
  dayOfMonth?: number;
  /** absoluteYearly, relativeYearly (1–12) */
  month?: number;
  /** relativeMonthly, relativeYearly */
  index?: WeekIndex;
  firstDayOfWeek?: DayOfWeek;
}

export interface RecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD, for type endDate */
  endDate?: string;
  /** for type numbered */
  numberOfOccurrences?: number;
}

export interface Recurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

export interface CalendarFields {
  /** iCalendar UID, shared by all copies of a meeting. */
  uid: string;
  /** ISO 8601 UTC */
  start: string;
  /** ISO 8601 UTC */
  end: string;
  isAllDay: boolean;
  location: string;
  organizer: EmailAddress;
  requiredAttendees: EmailAddress[];
  optionalAttendees: EmailAddress[];
  /** Present on a recurring master; absent on a single appointment. */
  recurrence?: Recurrence;
  /** Free/busy status shown to others. */
  showAs: 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';
  /** Changed or cancelled occurrences of a recurring master (see `calendar-exceptions.ts`). */
  exceptions?: OccurrenceException[];
}
