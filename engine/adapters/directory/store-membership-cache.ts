import type { Clock } from '../../ports/clock.ts';
import type { Resolution } from '../../ports/directory.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import { membershipCacheKey, membershipCachePrefix } from './directory-keys.ts';
import type { CachedResolution, MembershipCache } from './membership-cache.ts';

/**
 * The site's membership cache in the shared store, under `runtime:<site>:membership:<hash>`. A site runs
 * each task in its own short-lived worker thread, so a cache in worker memory would die with every run;
 * in the store, all runs of the site (and the site after a restart) share it. Only the site writes it.
 */
export class StoreMembershipCache implements MembershipCache {
  private lastPrune = 0;

  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  async get(key: string): Promise<Resolution | undefined> {
    const stored = await this.store.get<CachedResolution>(membershipCacheKey(this.site, key));
    if (!stored || !isFresh(stored.value, this.clock.now().getTime())) return undefined;
    return stored.value.resolution;
  }

  async set(key: string, resolution: Resolution): Promise<void> {
    const now = this.clock.now();
    const entry: CachedResolution = {
      cachedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
      resolution,
    };
    await this.store.set(membershipCacheKey(this.site, key), entry);
    await this.prune(now.getTime());
  }

  /** Entries of removed tasks would stay forever; at most once per TTL, expired ones are deleted. */
  private async prune(now: number): Promise<void> {
    if (now - this.lastPrune < this.ttlMs) return;
    this.lastPrune = now;
    for (const stored of await this.store.list<CachedResolution>(membershipCachePrefix(this.site)))
      if (!isFresh(stored.value, now)) await this.store.deleteIf(stored.key, stored.revision);
  }
}

function isFresh(entry: CachedResolution, now: number): boolean {
  return (
    typeof entry?.expiresAt === 'string' &&
    Date.parse(entry.expiresAt) > now &&
    entry.resolution !== undefined
  );
}
