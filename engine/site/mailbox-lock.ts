import type { KvStore } from '../ports/kv-store.ts';
import { lockKey, lockPrefix } from '../store/keys.ts';

export interface LockHolder {
  readonly taskId: string;
  readonly taskName: string;
  readonly runId: string;
  readonly since: string;
}

/**
 * One task at a time per mailbox on a site (MSE's "lock"): taken create-if-absent, released only by
 * its holder. Every worker thread of the site shares the store, so the lock holds across runs.
 */
export class MailboxLocks {
  constructor(
    private readonly store: KvStore,
    private readonly site: string,
  ) {}

  /** Takes the lock, or returns who holds it. */
  async acquire(
    mailbox: string,
    holder: LockHolder,
  ): Promise<{ acquired: true } | { acquired: false; heldBy: LockHolder }> {
    const key = lockKey(this.site, mailbox);
    if (await this.store.createIfAbsent(key, holder)) return { acquired: true };
    const current = await this.store.get<LockHolder>(key);
    if (!current) return this.acquire(mailbox, holder);
    if (current.value.runId === holder.runId) return { acquired: true };
    return { acquired: false, heldBy: current.value };
  }

  async release(mailbox: string, runId: string): Promise<void> {
    const key = lockKey(this.site, mailbox);
    const current = await this.store.get<LockHolder>(key);
    if (current?.value.runId === runId) await this.store.deleteIf(key, current.revision);
  }

  /** Drops every lock of runs that are no longer alive (after a crash, on site start). */
  async releaseAllExcept(liveRunIds: ReadonlySet<string>): Promise<number> {
    let released = 0;
    for (const entry of await this.store.list<LockHolder>(lockPrefix(this.site))) {
      if (!liveRunIds.has(entry.value.runId) && (await this.store.deleteIf(entry.key, entry.revision)))
        released++;
    }
    return released;
  }
}
