import os from 'node:os';
import { ExsyncError } from '../errors/exsync-error.ts';
import type { Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { siteLeaseKey } from '../store/keys.ts';

/** Who runs a site right now: written create-if-absent, renewed with every heartbeat. */
export interface SiteLeaseHolder {
  readonly site: string;
  readonly instanceId: string;
  readonly hostname: string;
  readonly pid: number;
  readonly since: string;
  readonly renewedAt: string;
  readonly expiresAt: string;
}

/** Another process runs this site (an overlapping deploy, a copied configuration); nothing was started. */
export class SiteLeaseHeldError extends ExsyncError {
  readonly code = 'site-already-running';
  constructor(readonly holder: SiteLeaseHolder) {
    super(
      `site ${holder.site} is already running on host ${holder.hostname} (pid ${holder.pid}, since ${holder.since}; ` +
        `last heard from at ${holder.renewedAt}). Stop that process first, or wait until its lease expires at ` +
        `${holder.expiresAt} if it is gone`,
    );
  }
}

/**
 * A holder on this very host whose process is gone (a kill -9, a crash) need not be waited for: a
 * service manager restarting the site right away should not be refused until the lease runs out.
 * Only the same host name can tell; on another host the lease must expire.
 */
function diedOnThisHost(holder: SiteLeaseHolder): boolean {
  if (holder.hostname !== os.hostname() || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * One process per site code. At start a site treats every "running" run of its code as dead and frees
 * all its locks, which is only right if no other process runs the same site; the lease makes sure of it.
 * A process that dies stops renewing, and the next one takes over once the lease has expired.
 */
export class SiteLease {
  private revision: string | undefined;
  private holder: SiteLeaseHolder | undefined;

  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly instanceId: string,
    private readonly clock: Clock,
    private readonly durationMs: number,
  ) {}

  /** Takes the lease, or throws SiteLeaseHeldError naming the live holder. */
  async acquire(): Promise<void> {
    const key = siteLeaseKey(this.site);
    for (;;) {
      const now = this.clock.now();
      const mine = this.fresh(now, now.toISOString());
      if (await this.store.createIfAbsent(key, mine)) return void (await this.adopt(mine));
      const current = await this.store.get<SiteLeaseHolder>(key);
      if (!current) continue;
      const live =
        current.value.instanceId !== this.instanceId &&
        Date.parse(current.value.expiresAt) > now.getTime() &&
        !diedOnThisHost(current.value);
      if (live) throw new SiteLeaseHeldError(current.value);
      if (await this.store.replaceIf(key, current.revision, mine)) return void (await this.adopt(mine));
    }
  }

  /** Extends the lease; false when it was lost (this process stalled past expiry and another took over). */
  async renew(): Promise<boolean> {
    if (!this.holder || this.revision === undefined) return false;
    const now = this.clock.now();
    const next = this.fresh(now, this.holder.since);
    if (!(await this.store.replaceIf(siteLeaseKey(this.site), this.revision, next))) {
      // A renewal whose write failed half-way may still have landed: check before calling it lost.
      const current = await this.store.get<SiteLeaseHolder>(siteLeaseKey(this.site));
      if (current?.value.instanceId !== this.instanceId) return false;
      this.revision = current.revision;
      return this.renew();
    }
    await this.adopt(next);
    return true;
  }

  async release(): Promise<void> {
    if (this.revision === undefined) return;
    await this.store.deleteIf(siteLeaseKey(this.site), this.revision);
    this.revision = undefined;
    this.holder = undefined;
  }

  private fresh(now: Date, since: string): SiteLeaseHolder {
    return {
      site: this.site,
      instanceId: this.instanceId,
      hostname: os.hostname(),
      pid: process.pid,
      since,
      renewedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.durationMs).toISOString(),
    };
  }

  private async adopt(holder: SiteLeaseHolder): Promise<void> {
    this.holder = holder;
    this.revision = (await this.store.get<SiteLeaseHolder>(siteLeaseKey(this.site)))?.revision;
  }
}
