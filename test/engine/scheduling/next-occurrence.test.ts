import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../../../engine/domain/schedule.ts';
import { nextOccurrence } from '../../../engine/scheduling/next-occurrence.ts';

const next = (recurrence: Recurrence, after: string, timeZone = 'Europe/London') =>
  nextOccurrence({ timeZone, recurrence }, new Date(after))?.toISOString();

describe('next occurrence of a schedule', () => {
  it('one-off: once, in the schedule time zone, never again', () => {
    const r: Recurrence = { type: 'one-off', at: '2026-12-24T18:00' };
    expect(next(r, '2026-11-23T12:00:00Z', 'America/New_York')).toBe('2026-12-24T23:00:00.000Z');
    expect(next(r, '2026-12-24T23:00:00Z', 'America/New_York')).toBeUndefined();
  });

  it('daily once: later today, else tomorrow', () => {
    const r: Recurrence = { type: 'daily-once', start: '01:00' };
    expect(next(r, '2026-11-23T00:30:00Z')).toBe('2026-11-23T01:00:00.000Z');
    expect(next(r, '2026-11-23T01:00:00Z')).toBe('2026-11-24T01:00:00.000Z');
    expect(next(r, '2026-07-01T12:00:00Z')).toBe('2026-07-02T00:00:00.000Z'); // BST: 01:00 local is 00:00Z
  });

  it('daily many: every interval inside the window, including the end, then tomorrow', () => {
    const r: Recurrence = { type: 'daily-many', start: '08:00', end: '09:30', intervalMinutes: 45 };
    expect(next(r, '2026-11-23T07:00:00Z')).toBe('2026-11-23T08:00:00.000Z');
    expect(next(r, '2026-11-23T08:00:00Z')).toBe('2026-11-23T08:45:00.000Z');
    expect(next(r, '2026-11-23T08:45:00Z')).toBe('2026-11-23T09:30:00.000Z');
    expect(next(r, '2026-11-23T09:30:00Z')).toBe('2026-11-24T08:00:00.000Z');
  });

  it('weekly: only on the chosen days', () => {
    const r: Recurrence = {
      type: 'weekly',
      days: ['sat', 'sun'],
      daily: { type: 'daily-once', start: '02:00' },
    };
    // Monday 23 Nov 2026 → Saturday 28 Nov.
    expect(next(r, '2026-11-23T12:00:00Z')).toBe('2026-11-28T02:00:00.000Z');
    expect(next(r, '2026-11-28T02:00:00Z')).toBe('2026-11-29T02:00:00.000Z');
    expect(next(r, '2026-11-29T02:00:00Z')).toBe('2026-12-05T02:00:00.000Z');
  });

  it('spring forward: a skipped local time runs at the first valid moment after it', () => {
    // Europe/London skips 01:00–02:00 on 29 Mar 2026.
    expect(next({ type: 'daily-once', start: '01:30' }, '2026-03-28T12:00:00Z')).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('fall back: a repeated local time runs once', () => {
    // Europe/London repeats 01:00–02:00 on 25 Oct 2026 (first at +01:00, then at +00:00).
    const r: Recurrence = { type: 'daily-once', start: '01:30' };
    const first = next(r, '2026-10-24T12:00:00Z');
    expect(first).toBe('2026-10-25T00:30:00.000Z');
    expect(next(r, first!)).toBe('2026-10-26T01:30:00.000Z');
  });
});
