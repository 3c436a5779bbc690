import { setTimeout as sleep } from 'node:timers/promises';
import { siteCode } from '../domain/site.ts';
import { readSiteEvent, type ReadSiteEvent } from '../domain/site-event.ts';
import { InputError } from '../errors/index.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { listSiteEvents } from '../store/site-event-range.ts';

export const SITE_EVENT_READ_DEFAULT_LIMIT = 100;
export const SITE_EVENT_READ_MAX_LIMIT = 1000;
/** Well under the 1 s within which a follower should see a new event. */
export const SITE_EVENT_FOLLOW_DEFAULT_POLL_MS = 500;

export interface ReadSiteEventsOptions {
  /** Only events after this seq (the last one the reader saw); default: from the oldest kept. */
  readonly after?: number | undefined;
  /** At most this many, 1–1000; default 100. */
  readonly limit?: number | undefined;
}

export interface FollowSiteEventsOptions {
  readonly after?: number | undefined;
  /** How often to look for new events when caught up; default 500 ms. */
  readonly pollMs?: number | undefined;
  /** Ends the iteration (cleanly, without an error). */
  readonly signal: AbortSignal;
  /**
   * Called when a poll fails (say, the PostgreSQL store restarts); the follower then waits one poll
   * interval and tries again from the same seq. Without it, the error ends the iteration.
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/**
 * A site's event feed as other processes read it: the bot's alerts, a dashboard, `exsync site events`.
 * Readers keep the seq of the last event they handled and pass it as `after`, so they resume exactly
 * there, across reader restarts too. Seqs increase but may skip numbers (a failed append, retention),
 * so compare, never count.
 */
export class SiteEventService {
  constructor(private readonly store: KvStore) {}

  /** Events after `after`, oldest first. */
  async read(site: string, options: ReadSiteEventsOptions = {}): Promise<ReadSiteEvent[]> {
    const code = parseSite(site);
    const after = parseAfter(options.after);
    const limit = parseLimit(options.limit, SITE_EVENT_READ_DEFAULT_LIMIT);
    const entries = await listSiteEvents(this.store, code, { after, limit });
    return entries.map((e) => readSiteEvent(e.seq, e.value));
  }

  /** The newest `limit` events (default 100), oldest first: what `tail` shows. */
  async latest(site: string, options: { limit?: number | undefined } = {}): Promise<ReadSiteEvent[]> {
    const code = parseSite(site);
    const limit = parseLimit(options.limit, SITE_EVENT_READ_DEFAULT_LIMIT);
    const entries = await listSiteEvents(this.store, code, { limit, reverse: true });
    return entries.reverse().map((e) => readSiteEvent(e.seq, e.value));
  }

  /**
   * Every event after `after` as it is appended, until `signal` aborts: reads what is there, then
   * polls. Never yields an event twice or skips one that was stored when it looked.
   */
  async *follow(site: string, options: FollowSiteEventsOptions): AsyncGenerator<ReadSiteEvent, void> {
    const code = parseSite(site);
    let after = parseAfter(options.after);
    const pollMs = options.pollMs ?? SITE_EVENT_FOLLOW_DEFAULT_POLL_MS;
    if (!Number.isFinite(pollMs) || pollMs < 1)
      throw new InputError('pollMs', 'must be a positive number of milliseconds');
    const { signal } = options;
    while (!signal.aborted) {
      let page: ReadSiteEvent[] = [];
      try {
        page = await this.read(code, { after, limit: SITE_EVENT_READ_MAX_LIMIT });
      } catch (error) {
        if (!options.onError) throw error;
        options.onError(error);
      }
      for (const event of page) {
        if (signal.aborted) return;
        after = event.seq;
        yield event;
      }
      // A full page means more are waiting: read on at once.
      if (page.length < SITE_EVENT_READ_MAX_LIMIT && !(await pause(pollMs, signal))) return;
    }
  }
}

/** Waits, or returns false as soon as `signal` aborts. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function parseSite(site: string): string {
  const parsed = siteCode.safeParse(site);
  if (!parsed.success) throw new InputError('site', parsed.error.issues[0]?.message ?? 'is not a site code');
  return parsed.data;
}

function parseAfter(after: number | undefined): number | undefined {
  if (after === undefined) return undefined;
  if (!Number.isSafeInteger(after) || after < 0)
    throw new InputError('after', `${String(after)} is not an event number (a whole number, 0 or more)`);
  return after;
}

function parseLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > SITE_EVENT_READ_MAX_LIMIT)
    throw new InputError(
      'limit',
      `${String(limit)} is not a whole number from 1 to ${SITE_EVENT_READ_MAX_LIMIT}`,
    );
  return limit;
}
