import { siteEventSchema, type SiteEvent, type StoredSiteEvent } from '../domain/site-event.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { siteEventKey } from '../store/keys.ts';
import { listSiteEvents } from '../store/site-event-range.ts';

/** How many keys one prune step lists and deletes, so a large backlog never loads at once. */
const PRUNE_PAGE = 500;
/** Another writer took our next seq (a second process with this site code); re-read and retry. */
const APPEND_ATTEMPTS = 3;
/**
 * Appends waiting for the store, at most. Past this (the store has been down a while) new events are
 * refused at once instead of queueing without bound in the site's memory.
 */
export const SITE_EVENT_MAX_PENDING = 1_000;

/**
 * The site's append-only event feed in the store (`runtime:<site>:event:<seq>`), read by other
 * processes through SiteEventService. The site is the only writer, so `seq` comes from a counter in
 * memory, read from the newest stored key on the first append (after a restart the feed continues
 * where it stopped).
 *
 * Appends are written one at a time, in seq order, so a reader that has seen seq N has seen every
 * earlier event that will ever exist: it can resume after N without missing one.
 */
export class SiteEventLog {
  private lastSeq: number | undefined;
  /** The tail of the append queue; each append waits for the one before it. */
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly store: KvStore,
    readonly site: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Stores one event and returns it with its `seq`, `at` and `site`. Throws when the event is invalid
   * or the store fails; the caller decides what a lost event costs (the runtime logs it and carries
   * on). A failed append leaves its seq unused, and the next append still works. `at` is the time of
   * the call, not of the write. Order is kept without awaiting: appends are written in call order.
   */
  append(event: SiteEvent): Promise<StoredSiteEvent> {
    if (this.pending >= SITE_EVENT_MAX_PENDING)
      return Promise.reject(
        new Error(`site ${this.site}: ${this.pending} events are waiting for the store; this one is dropped`),
      );
    const at = this.clock.now().toISOString();
    this.pending++;
    const result = this.queue
      .then(() => this.write(siteEventSchema.parse(event), at))
      .finally(() => this.pending--);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Deletes events appended before `olderThan`, oldest first, stopping at the first newer one. The
   * newest event is always kept, so the seq counter survives a restart even when the site was quiet
   * for longer than the retention. Returns how many were deleted.
   */
  async prune(olderThan: Date): Promise<number> {
    const newest = await this.newestSeq();
    const cutoff = olderThan.toISOString();
    let deleted = 0;
    let after: number | undefined;
    for (;;) {
      const page = await listSiteEvents(this.store, this.site, { after, limit: PRUNE_PAGE });
      for (const entry of page) {
        if (entry.seq >= newest || !isOlder(entry.value, cutoff)) return deleted;
        if (await this.store.delete(entry.key)) deleted++;
        after = entry.seq;
      }
      if (page.length < PRUNE_PAGE) return deleted;
    }
  }

  private async write(event: SiteEvent, at: string): Promise<StoredSiteEvent> {
    for (let attempt = 1; ; attempt++) {
      const seq = (this.lastSeq ?? (await this.newestSeq())) + 1;
      const stored: StoredSiteEvent = { seq, at, site: this.site, ...event };
      const created = await this.store.createIfAbsent(siteEventKey(this.site, seq), stored);
      this.lastSeq = created ? seq : undefined;
      if (created) return stored;
      if (attempt >= APPEND_ATTEMPTS)
        throw new Error(
          `site ${this.site}: event seq ${seq} is already taken; is another process running this site?`,
        );
    }
  }

  private async newestSeq(): Promise<number> {
    const [newest] = await listSiteEvents(this.store, this.site, { limit: 1, reverse: true });
    return newest?.seq ?? 0;
  }
}

function isOlder(value: unknown, cutoff: string): boolean {
  const at = (value as { at?: unknown } | null)?.at;
  // An entry without a readable time cannot be dated; it goes with the old ones around it.
  return typeof at !== 'string' || at < cutoff;
}
