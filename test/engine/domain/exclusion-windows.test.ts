import { describe, expect, it } from 'vitest';
import { describeWindow, windowAt } from '../../../engine/domain/exclusion-windows.ts';

const weekdaysDaytime = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, start: '08:00', end: '18:00' };
const overnight = { days: ['fri'] as const, start: '22:00', end: '06:00' };

describe('full-sync exclusion windows', () => {
  it('reads the instant on the wall clock of the definition time zone', () => {
    const windows = { timeZone: 'America/New_York', windows: [weekdaysDaytime] };
    // Monday 2026-11-30 12:30 UTC is 07:30 in New York: before the window opens.
    expect(windowAt(new Date('2026-11-30T12:30:00Z'), windows)).toBeUndefined();
    expect(windowAt(new Date('2026-11-30T13:00:00Z'), windows)).toBe(weekdaysDaytime);
    // 18:00 local is the end: the window is closed from that minute on.
    expect(windowAt(new Date('2026-11-30T23:00:00Z'), windows)).toBeUndefined();
    // Saturday is not a listed day.
    expect(windowAt(new Date('2026-12-05T15:00:00Z'), windows)).toBeUndefined();
  });

  it('runs a window that ends before it starts past midnight, into the next day only', () => {
    const windows = { timeZone: 'UTC', windows: [overnight] };
    expect(windowAt(new Date('2026-12-04T21:59:00Z'), windows)).toBeUndefined(); // Friday before it opens
    expect(windowAt(new Date('2026-12-04T23:00:00Z'), windows)).toBe(overnight); // Friday night
    expect(windowAt(new Date('2026-12-05T05:59:00Z'), windows)).toBe(overnight); // Saturday morning
    expect(windowAt(new Date('2026-12-05T06:00:00Z'), windows)).toBeUndefined();
    // Saturday night is not Friday's window.
    expect(windowAt(new Date('2026-12-05T23:00:00Z'), windows)).toBeUndefined();
  });

  it('follows daylight saving time', () => {
    const windows = { timeZone: 'Europe/London', windows: [weekdaysDaytime] };
    // 07:30 UTC is 08:30 in London in summer (BST), 07:30 in winter.
    expect(windowAt(new Date('2026-07-01T07:30:00Z'), windows)).toBe(weekdaysDaytime);
    expect(windowAt(new Date('2026-12-01T07:30:00Z'), windows)).toBeUndefined();
  });

  it('describes a window in admin words', () => {
    expect(describeWindow(overnight, 'UTC')).toBe('fri 22:00–06:00 UTC');
  });
});
