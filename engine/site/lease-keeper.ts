import type { MailboxLocks } from './mailbox-lock.ts';
import { RUNTIME_FAILURE_CODES, RunFailure } from './run-failure.ts';

/**
 * Renews the leases of the mailboxes this run is working on, every third of the lease, and aborts a
 * mailbox's pass when its lease was lost (a stalled worker whose lock another run took over).
 */
export class LeaseKeeper {
  private readonly held = new Map<string, { controller: AbortController; lost: boolean }>();
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly locks: MailboxLocks,
    private readonly runId: string,
    private readonly leaseMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.renewing = this.renewing.then(() => this.renew());
    }, this.leaseMs / 3);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  hold(mailbox: string, runSignal: AbortSignal): { signal: AbortSignal; readonly lost: boolean } {
    const entry = { controller: new AbortController(), lost: false };
    this.held.set(mailbox, entry);
    return {
      signal: AbortSignal.any([runSignal, entry.controller.signal]),
      get lost() {
        return entry.lost;
      },
    };
  }

  drop(mailbox: string): void {
    this.held.delete(mailbox);
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    // A renewal that fails on a store error is tried again at the next tick, well before expiry.
    const lost = await this.locks.renew([...this.held.keys()], this.runId).catch(() => []);
    for (const mailbox of lost) {
      const entry = this.held.get(mailbox);
      if (!entry) continue;
      entry.lost = true;
      entry.controller.abort(new RunFailure(RUNTIME_FAILURE_CODES.lockLost, `lost the lock on ${mailbox}`));
    }
  }
}
