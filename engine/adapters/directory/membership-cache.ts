import { createHash } from 'node:crypto';
import type { Target } from '../../domain/target.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Resolution } from '../../ports/directory.ts';

/**
 * Group membership as resolved, kept for a while (MSE: one hour) so that every run of every task in a
 * site does not re-read a big group from the DC. Errors are never cached.
 */
export interface MembershipCache {
  /** A resolution cached less than the TTL ago, else undefined. */
  get(key: string): Promise<Resolution | undefined>;
  set(key: string, resolution: Resolution): Promise<void>;
}

export interface CachedResolution {
  readonly cachedAt: string;
  readonly expiresAt: string;
  readonly resolution: Resolution;
}

/**
 * The cache key of a target: the same mailboxes in another order are the same list, and a different DC,
 * base DN or expansion strategy (a config change) must not be served an old answer.
 */
export function membershipKey(directoryIdentity: string, target: Target): string {
  const canonical =
    target.kind === 'mailbox-list' ? { ...target, emails: [...target.emails].sort() } : target;
  return createHash('sha256')
    .update(`${directoryIdentity}\n${JSON.stringify(canonical)}`)
    .digest('base64url')
    .slice(0, 32);
}

/** In one process (the CLI, tests, a site without a store): a bounded map, oldest entries dropped first. */
export class MemoryMembershipCache implements MembershipCache {
  private readonly entries = new Map<string, CachedResolution>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
    private readonly maxEntries = 200,
  ) {}

  get(key: string): Promise<Resolution | undefined> {
    const entry = this.entries.get(key);
    if (!entry || Date.parse(entry.expiresAt) <= this.clock.now().getTime())
      return Promise.resolve(undefined);
    return Promise.resolve(entry.resolution);
  }

  set(key: string, resolution: Resolution): Promise<void> {
    const now = this.clock.now();
    this.entries.delete(key);
    this.entries.set(key, {
      cachedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
      resolution,
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return Promise.resolve();
  }
}
