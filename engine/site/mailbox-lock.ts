import type { Clock } from '../ports/clock.ts';
import type { KvStore, StoredValue } from '../ports/kv-store.ts';
import { lockKey, lockPrefix } from '../store/keys.ts';

export interface LockHolder {
  readonly taskId: string;
  readonly taskName: string;
  readonly runId: string;
  readonly since: string;
  /**
   * When the lease runs out unless its holder renews it. A worker that is terminated or crashes stops
   * renewing, so its locks free themselves even if nobody releases them.
   */
  readonly expiresAt: string;
}

export type LockAttempt = { acquired: true } | { acquired: false; heldBy: LockHolder };

/**
 * One task at a time per mailbox on a site (MSE's "lock"), as a lease in the shared store: taken
 * create-if-absent, renewed by its holder, released by its holder or by the site when the run ends
 * however it ends, and taken over by anyone once it has expired. Every worker thread of the site shares
 * the store, so the lock holds across runs.
 */
export class MailboxLocks {
  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {}

  /** Takes the lock (or takes over an expired one), or returns who holds it. */
  async acquire(mailbox: string, holder: Omit<LockHolder, 'expiresAt'>): Promise<LockAttempt> {
    const key = lockKey(this.site, mailbox);
    for (;;) {
      const lease = { ...holder, expiresAt: this.expiry() };
      if (await this.store.createIfAbsent(key, lease)) return { acquired: true };
      const current = await this.store.get<LockHolder>(key);
      if (!current) continue;
      if (current.value.runId === holder.runId) return { acquired: true };
      if (!this.expired(current.value)) return { acquired: false, heldBy: current.value };
      if (await this.store.replaceIf(key, current.revision, lease)) return { acquired: true };
    }
  }

  /** Extends the leases `runId` holds on `mailboxes`; returns the mailboxes whose lease was lost. */
  async renew(mailboxes: Iterable<string>, runId: string): Promise<string[]> {
    const lost: string[] = [];
    for (const mailbox of mailboxes) {
      const key = lockKey(this.site, mailbox);
      const current = await this.store.get<LockHolder>(key);
      const ours = current?.value.runId === runId;
      if (
        !ours ||
        !(await this.store.replaceIf(key, current.revision, { ...current.value, expiresAt: this.expiry() }))
      )
        lost.push(mailbox);
    }
    return lost;
  }

  async release(mailbox: string, runId: string): Promise<void> {
    const key = lockKey(this.site, mailbox);
    const current = await this.store.get<LockHolder>(key);
    if (current?.value.runId === runId) await this.store.deleteIf(key, current.revision);
  }

  /** Releases every lock a run holds (the site calls this when a run ends, even when its worker died). */
  async releaseRun(runId: string): Promise<number> {
    return this.releaseWhere((holder) => holder.runId === runId);
  }

  /** Drops every lock of runs that are no longer alive (on site start, once the site lease is ours). */
  async releaseAllExcept(liveRunIds: ReadonlySet<string>): Promise<number> {
    return this.releaseWhere((holder) => !liveRunIds.has(holder.runId));
  }

  private async releaseWhere(matches: (holder: LockHolder) => boolean): Promise<number> {
    let released = 0;
    let after: string | undefined;
    for (;;) {
      const page: StoredValue<LockHolder>[] = await this.store.list<LockHolder>(lockPrefix(this.site), {
        limit: 500,
        ...(after === undefined ? {} : { after }),
      });
      for (const entry of page)
        if (matches(entry.value) && (await this.store.deleteIf(entry.key, entry.revision))) released++;
      if (page.length < 500) return released;
      after = page.at(-1)?.key;
    }
  }

  private expiry(): string {
    return new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
  }

  private expired(holder: LockHolder): boolean {
    // A lock written before leases existed has no expiry and nobody renews it: it counts as expired.
    return !(Date.parse(holder.expiresAt) > this.clock.now().getTime());
  }
}
