import { z } from 'zod';
import { descriptionField, minutesOfDay, nameField, timeOfDay, timeZoneField, weekdays } from './fields.ts';

/**
 * When a task runs (MSE "Schedule Definition"): One-Off, Daily Once, Daily Many (a repeat window) or
 * Weekly (days plus one of the daily settings). Times are wall-clock times in the schedule's time zone.
 */

const dailyOnce = z.strictObject({
  type: z.literal('daily-once'),
  start: timeOfDay,
});

const dailyMany = z
  .strictObject({
    type: z.literal('daily-many'),
    start: timeOfDay,
    end: timeOfDay,
    intervalMinutes: z.number().int().min(1).max(1440),
  })
  .superRefine((r, ctx) => {
    const window = minutesOfDay(r.end) - minutesOfDay(r.start);
    if (window <= 0)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `must be later than start (${r.start})` });
    else if (r.intervalMinutes > window)
      ctx.addIssue({
        code: 'custom',
        path: ['intervalMinutes'],
        message: `is longer than the window ${r.start}–${r.end} (${window} minutes), so the task would run only once; use daily-once`,
      });
  });

const dailySetting = z.discriminatedUnion('type', [dailyOnce, dailyMany]);

const oneOff = z.strictObject({
  type: z.literal('one-off'),
  at: z
    .string()
    .max(16)
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, {
      message: 'must be a local date and time "YYYY-MM-DDTHH:MM" in the schedule\'s time zone',
    })
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}:00Z`)) && new Date(`${s}:00Z`).toISOString().startsWith(s),
      {
        message: 'is not a real calendar date',
      },
    ),
});

const weekly = z.strictObject({
  type: z.literal('weekly'),
  days: weekdays,
  daily: dailySetting,
});

export const RECURRENCE_TYPES = ['one-off', 'daily-once', 'daily-many', 'weekly'] as const;
export const recurrenceSchema = z.discriminatedUnion('type', [oneOff, dailyOnce, dailyMany, weekly]);

export const scheduleInputSchema = z.strictObject({
  name: nameField,
  description: descriptionField,
  timeZone: timeZoneField,
  recurrence: recurrenceSchema,
});

export const scheduleUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  name: nameField.optional(),
  description: z.string().max(1000).optional(),
  timeZone: timeZoneField.optional(),
  recurrence: recurrenceSchema.optional(),
});

export type Recurrence = z.infer<typeof recurrenceSchema>;
export type RecurrenceType = Recurrence['type'];
export type ScheduleInput = z.infer<typeof scheduleInputSchema>;
