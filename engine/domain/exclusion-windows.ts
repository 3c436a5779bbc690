import { DateTime } from 'luxon';
import { minutesOfDay, WEEKDAYS, type Weekday } from './fields.ts';

export interface ExclusionWindow {
  readonly days: readonly Weekday[];
  /** "HH:MM"; a window whose end is not after its start runs past midnight into the next day. */
  readonly start: string;
  readonly end: string;
}

export interface ExclusionWindows {
  readonly timeZone: string;
  readonly windows: readonly ExclusionWindow[];
}

/**
 * The window `instant` falls in, read on the wall clock of the definition's time zone, or undefined.
 * A window belongs to the day it starts on: "mon 22:00–06:00" covers Monday night until Tuesday 06:00.
 */
export function windowAt(instant: Date, exclusion: ExclusionWindows): ExclusionWindow | undefined {
  const local = DateTime.fromJSDate(instant, { zone: exclusion.timeZone });
  const today = WEEKDAYS[local.weekday - 1] as Weekday;
  const yesterday = WEEKDAYS[(local.weekday + 5) % 7] as Weekday;
  const minute = local.hour * 60 + local.minute;
  return exclusion.windows.find((window) => {
    const start = minutesOfDay(window.start);
    const end = minutesOfDay(window.end);
    if (start < end) return window.days.includes(today) && minute >= start && minute < end;
    // Past midnight: the evening part today, or the morning part of a window that started yesterday.
    return (
      (window.days.includes(today) && minute >= start) || (window.days.includes(yesterday) && minute < end)
    );
  });
}

export function describeWindow(window: ExclusionWindow, timeZone: string): string {
  return `${window.days.join(', ')} ${window.start}–${window.end} ${timeZone}`;
}
