import type { KvStore } from '../ports/kv-store.ts';
import { SITE_EVENT_SEQ_DIGITS, siteEventKey, siteEventPrefix } from './keys.ts';

export interface SiteEventEntry {
  readonly key: string;
  readonly seq: number;
  readonly value: unknown;
}

export interface SiteEventRange {
  /** Only events with a greater seq (a smaller one with `reverse`). */
  readonly after?: number;
  readonly limit: number;
  /** Newest first. */
  readonly reverse?: boolean;
}

/**
 * One page of a site's event stream, in seq order: the key order of `runtime:<site>:event:<seq>`.
 * The one place that turns seq numbers into key ranges, for the writer and for readers.
 */
export async function listSiteEvents(
  store: KvStore,
  site: string,
  range: SiteEventRange,
): Promise<SiteEventEntry[]> {
  const prefix = siteEventPrefix(site);
  const entries = await store.list(prefix, {
    limit: range.limit,
    reverse: range.reverse ?? false,
    ...(range.after !== undefined ? { after: siteEventKey(site, range.after) } : {}),
  });
  return entries.flatMap((e) => {
    const seq = seqOf(e.key.slice(prefix.length));
    return seq === undefined ? [] : [{ key: e.key, seq, value: e.value }];
  });
}

/** The seq of an event key's tail, or undefined for a key that is not an event of this layout. */
function seqOf(tail: string): number | undefined {
  if (tail.length !== SITE_EVENT_SEQ_DIGITS || !/^\d+$/.test(tail)) return undefined;
  return Number(tail);
}
