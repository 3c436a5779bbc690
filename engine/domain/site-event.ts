import { z } from 'zod';
import { RUN_OUTCOMES, type RunTrigger } from './run.ts';

/** Every run trigger, checked both ways against RunTrigger so the two cannot drift apart. */
const RUN_TRIGGERS = { schedule: 'schedule', manual: 'manual', resume: 'resume' } as const satisfies {
  [T in RunTrigger]: T;
};
const taskRef = { taskId: z.string().min(1), taskName: z.string() };
const taskRefs = z.array(z.object(taskRef));
const runCounts = z.object({
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
});

/**
 * What a site tells other processes (the Teams bot's alerts, a dashboard on another host) as it
 * happens, through an append-only stream per site in the store. Readers may run another version of
 * exsync than the writer, so every event is checked against these schemas when read: fields a newer
 * writer added are dropped, and an event this version does not know is handed over as `unrecognised`
 * rather than failing the whole read.
 */
export const siteEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('site-started'),
    version: z.string(),
    host: z.string(),
    pid: z.number().int(),
  }),
  z.object({
    type: z.literal('site-stopped'),
    /** Why, in admin words ("SIGTERM", "lease lost"); absent for an ordinary stop. */
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('config-applied'),
    configVersion: z.number().int(),
    added: taskRefs,
    changed: taskRefs,
    removed: taskRefs,
  }),
  z.object({
    type: z.literal('run-started'),
    ...taskRef,
    runId: z.string().min(1),
    trigger: z.enum(RUN_TRIGGERS),
    /** The admin who asked for a manual run; absent for scheduled runs and resumes. */
    requestedBy: z.string().optional(),
  }),
  z.object({
    type: z.literal('run-finished'),
    ...taskRef,
    runId: z.string().min(1),
    outcome: z.enum(RUN_OUTCOMES),
    counts: runCounts,
    reason: z.string().optional(),
    durationMs: z.number().nonnegative(),
  }),
  z.object({
    type: z.literal('mailbox-failed'),
    ...taskRef,
    runId: z.string().min(1),
    mailbox: z.string(),
    /** A stable code a card or the dashboard can pick an action by ("throttled", "access-denied", …). */
    code: z.string(),
    reason: z.string(),
  }),
  z.object({
    type: z.literal('firing-skipped'),
    ...taskRef,
    why: z.string(),
  }),
  z.object({
    type: z.literal('alert'),
    level: z.enum(['warn', 'error']),
    message: z.string(),
    taskId: z.string().optional(),
  }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
    taskId: z.string().optional(),
  }),
]);

/** What the runtime appends; the event log adds `seq`, `at` and `site`. */
export type SiteEvent = z.infer<typeof siteEventSchema>;
export type SiteEventType = SiteEvent['type'];

const storedFields = {
  /** Increases with every event of one site (a failed append may leave a number unused). */
  seq: z.number().int().positive(),
  /** ISO time the site appended it. */
  at: z.string(),
  site: z.string(),
};

export const storedSiteEventSchema = z.intersection(z.object(storedFields), siteEventSchema);

/** One event as stored and read back. */
export type StoredSiteEvent = z.infer<typeof storedSiteEventSchema>;

/**
 * An event a newer exsync wrote that this version cannot read. It keeps its place in the stream
 * (`seq`), so a reader resumes after it like after any other.
 */
export interface UnrecognisedSiteEvent {
  readonly seq: number;
  readonly at: string;
  readonly site: string;
  readonly type: 'unrecognised';
  readonly originalType: string;
  readonly data: unknown;
}

export type ReadSiteEvent = StoredSiteEvent | UnrecognisedSiteEvent;

/** Reads a stored value at `seq` (taken from its key, which is authoritative) without ever throwing. */
export function readSiteEvent(seq: number, value: unknown): ReadSiteEvent {
  const parsed = storedSiteEventSchema.safeParse(value);
  if (parsed.success) return { ...parsed.data, seq };
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    seq,
    at: text(raw['at']),
    site: text(raw['site']),
    type: 'unrecognised',
    originalType: text(raw['type']) || '(none)',
    data: value,
  };
}
