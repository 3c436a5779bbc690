import type { Clock } from '../ports/clock.ts';

/**
 * The mailboxes of one run, in fair order: first come first served, a mailbox that needs another pass
 * goes to the back, and one held by another task waits a while before it is tried again.
 */
export class MailboxQueue {
  private readonly ready: string[];
  private readonly later = new Map<string, number>();
  private inFlight = 0;

  constructor(
    mailboxes: readonly string[],
    private readonly clock: Clock,
  ) {
    this.ready = [...mailboxes];
  }

  /** The next mailbox to work on, waiting for a held one to become due; undefined when all are done. */
  async take(signal: AbortSignal): Promise<string | undefined> {
    for (;;) {
      const now = this.clock.now().getTime();
      for (const [mailbox, due] of this.later) {
        if (due <= now) {
          this.later.delete(mailbox);
          this.ready.push(mailbox);
        }
      }
      const next = this.ready.shift();
      if (next !== undefined) {
        this.inFlight++;
        return next;
      }
      if (this.later.size === 0 && this.inFlight === 0) return undefined;
      if (signal.aborted) return undefined;
      // Another worker may requeue a mailbox or a held one may come due: look again shortly.
      const wait = this.later.size ? Math.max(10, Math.min(...this.later.values()) - now) : 25;
      await sleep(Math.min(wait, 250), signal);
    }
  }

  done(_mailbox: string): void {
    this.inFlight--;
  }

  requeue(mailbox: string): void {
    this.inFlight--;
    this.ready.push(mailbox);
  }

  retryLater(mailbox: string, ms: number): void {
    this.inFlight--;
    this.later.set(mailbox, this.clock.now().getTime() + ms);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
