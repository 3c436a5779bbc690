import { z } from 'zod';
import { canonicalTimeZone } from './time-zone.ts';

/** Zod building blocks shared by the domain records; each carries an admin-readable reason. */

export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const nameField = z
  .string()
  .max(MAX_NAME_LENGTH)
  .transform((s) => s.trim().normalize('NFC'))
  .superRefine((s, ctx) => {
    if (s.length === 0) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    else if (CONTROL.test(s))
      ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
    else if (UUID_LIKE.test(s))
      ctx.addIssue({
        code: 'custom',
        message: 'must not look like an id (names and ids share one reference syntax)',
      });
  });

export const descriptionField = z.string().max(MAX_DESCRIPTION_LENGTH).default('');

/** 24-hour wall-clock time "HH:MM" in the schedule's time zone. */
export const timeOfDay = z
  .string()
  .max(5)
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'must be a 24-hour time "HH:MM", such as "08:30"' });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const weekday = z.enum(WEEKDAYS, { message: `must be one of ${WEEKDAYS.join(', ')}` });

export const weekdays = z
  .array(weekday)
  .min(1, { message: 'must list at least one day' })
  .max(7)
  .superRefine((days, ctx) => {
    if (new Set(days).size !== days.length) ctx.addIssue({ code: 'custom', message: 'lists a day twice' });
  })
  .transform((days) => WEEKDAYS.filter((d) => days.includes(d)));

export const timeZoneField = z
  .string()
  .max(64)
  .transform((tz, ctx) => {
    const canonical = canonicalTimeZone(tz.trim());
    if (!canonical) {
      ctx.addIssue({
        code: 'custom',
        message: `"${tz}" is not an IANA time zone (for example "Europe/London", "America/New_York" or "UTC")`,
      });
      return z.NEVER;
    }
    return canonical;
  });

export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
