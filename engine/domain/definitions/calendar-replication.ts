import { z } from 'zod';

/** Calendar Replication: a read-only replica of the default calendar or of every calendar in the mailbox. */
export const calendarReplicationSettings = z.strictObject({
  calendars: z.enum(['default', 'all'], { message: 'must be "default" or "all"' }).default('default'),
});

export type CalendarReplicationSettings = z.infer<typeof calendarReplicationSettings>;
