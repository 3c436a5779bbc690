import { z } from 'zod';

/** Where one calendar's sync stands. */
const calendarSyncState = z.object({
  syncState: z.string().optional(),
  /** Set while a full round is under way: when it ends, items it did not report are gone. */
  fullSince: z.string().optional(),
});

/** Calendar Replication's state for one mailbox of one task, saved with every submission. */
export const calendarReplicationState = z.object({
  calendars: z.record(z.string(), calendarSyncState),
  /** Calendars whose round ended in this run (a pass resumed after the budget skips them). */
  progress: z.object({ runId: z.string(), done: z.array(z.string()) }).optional(),
});

export type CalendarReplicationState = z.infer<typeof calendarReplicationState>;
export type CalendarSyncState = z.infer<typeof calendarSyncState>;
