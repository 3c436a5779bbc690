import type {
  MailboxProgress,
  MailboxState,
  RunCounts,
  RunMailboxRow,
  RunRecord,
  RunTrigger,
} from '../domain/run.ts';
import type { TaskRecord } from '../domain/records.ts';
import type { Clock } from '../ports/clock.ts';
import type { WorkerMessage } from './worker-protocol.ts';

type MutableCounts = { -readonly [K in keyof RunCounts]: RunCounts[K] } & { running: number };
type Closing = Pick<RunRecord, 'state' | 'finishedAt' | 'reason' | 'code'>;

/** Which counter a mailbox in this state adds to (Pending adds to the total only). */
const COUNTER: Partial<Record<MailboxState, keyof MutableCounts>> = {
  Healthy: 'done',
  Failed: 'failed',
  Skipped: 'skipped',
  Waiting: 'waiting',
  Running: 'running',
};

/**
 * One run, kept in the site's memory and updated from its worker's messages; the site writes it to
 * the store (nothing else does). A run may have 10,000 mailboxes and each sends a few messages, so a
 * message costs O(1): the mailbox's entry is replaced in place, the counters move with the state
 * change, and the mailbox joins the set of rows changed since the last write.
 */
export class RunTracker {
  command = 'Starting';
  submissions = 0;
  private readonly opened: Omit<RunRecord, 'counts' | 'warnings' | keyof Closing>;
  private closing: Closing = { state: 'running' };
  private warnings: readonly string[] = [];
  private readonly mailboxes = new Map<string, MailboxProgress>();
  private readonly counts: MutableCounts = {
    total: 0,
    done: 0,
    failed: 0,
    skipped: 0,
    waiting: 0,
    running: 0,
  };
  /** Running or Waiting: what `finish` puts back to Pending. */
  private readonly inFlight = new Set<string>();
  private readonly changed = new Set<string>();

  constructor(
    task: TaskRecord,
    runId: string,
    site: string,
    trigger: RunTrigger,
    attemptOf: string,
    private readonly clock: Clock,
  ) {
    this.opened = {
      runId,
      taskId: task.id,
      site,
      trigger,
      attemptOf,
      startedAt: clock.now().toISOString(),
      taskVersion: task.version,
      pid: process.pid,
    };
  }

  /** The run's summary (no mailboxes): a fresh small object, safe to keep. */
  get current(): RunRecord {
    const { running: _running, ...counts } = this.counts;
    return { ...this.opened, ...this.closing, counts, warnings: this.warnings };
  }

  /** True when mailboxes wait for locks and none is being worked on (the task shows "Waiting"). */
  get onlyWaiting(): boolean {
    return this.counts.running === 0 && this.counts.waiting > 0;
  }

  mailbox(mailbox: string): MailboxProgress | undefined {
    return this.mailboxes.get(mailbox);
  }

  /** Every mailbox of the run (for tests and for a full rewrite; O(n), never per message). */
  allMailboxes(): IterableIterator<[string, MailboxProgress]> {
    return this.mailboxes.entries();
  }

  /** The rows changed since the last call, as they are now; the caller writes them. */
  takeChangedRows(): RunMailboxRow[] {
    const rows: RunMailboxRow[] = [];
    for (const mailbox of this.changed) {
      const progress = this.mailboxes.get(mailbox);
      if (progress) rows.push({ runId: this.opened.runId, mailbox, ...progress });
    }
    this.changed.clear();
    return rows;
  }

  /** Puts rows back in the changed set (their write failed; the next write retries them). */
  markChanged(mailboxes: Iterable<string>): void {
    for (const mailbox of mailboxes) if (this.mailboxes.has(mailbox)) this.changed.add(mailbox);
  }

  /** Applies a worker message; returns true when the run's state changed in a way worth writing at once. */
  apply(message: WorkerMessage): boolean {
    const now = this.clock.now().toISOString();
    switch (message.type) {
      case 'resolved': {
        this.reset();
        for (const m of message.mailboxes) this.put(m, { state: 'Pending', submissions: 0, updatedAt: now });
        for (const s of message.skipped)
          this.put(s.entry, { state: 'Skipped', reason: s.reason, submissions: 0, updatedAt: now });
        this.warnings = message.warnings;
        return true;
      }
      case 'mailbox':
        this.setMailbox(
          message.mailbox,
          {
            state: message.state,
            ...(message.reason ? { reason: message.reason } : {}),
            ...(message.code ? { code: message.code } : {}),
          },
          now,
        );
        return true;
      case 'waiting':
        this.command = `Waiting for ${message.mailbox}, held by ${message.heldBy}`;
        this.setMailbox(
          message.mailbox,
          { state: 'Waiting', reason: `held by task "${message.heldBy}"` },
          now,
        );
        return true;
      case 'command':
        this.command = message.command;
        return false;
      case 'submitted': {
        this.submissions++;
        const m = this.mailboxes.get(message.mailbox);
        if (m) this.setMailbox(message.mailbox, { state: m.state, submissions: m.submissions + 1 }, now);
        return false;
      }
      case 'log':
        return false;
      case 'finished':
        this.finish(message.outcome, message.reason, message.code);
        return true;
    }
  }

  /** Closes the run (also for a worker that died or a site that stopped). */
  finish(state: Exclude<RunRecord['state'], 'running'>, reason?: string, code?: string): void {
    if (this.closing.state !== 'running') return;
    // Mailboxes still in flight when a run ends did not finish: they stay Pending for the next run.
    for (const mailbox of [...this.inFlight]) {
      const m = this.mailboxes.get(mailbox);
      if (m) this.put(mailbox, { ...m, state: 'Pending' });
    }
    this.closing = {
      state,
      finishedAt: this.clock.now().toISOString(),
      ...(reason ? { reason } : {}),
      ...(code ? { code } : {}),
    };
    this.command = '';
  }

  /** "12 of 40 mailboxes done, 1 failed, 2 skipped". */
  detail(): string {
    const c = this.counts;
    const parts = [`${c.done} of ${c.total} mailboxes done`];
    if (c.failed) parts.push(`${c.failed} failed`);
    if (c.skipped) parts.push(`${c.skipped} skipped`);
    if (c.waiting) parts.push(`${c.waiting} waiting`);
    return parts.join(', ');
  }

  private setMailbox(mailbox: string, change: Partial<MailboxProgress>, now: string): void {
    const before = this.mailboxes.get(mailbox) ?? { state: 'Pending', submissions: 0, updatedAt: now };
    const next: MailboxProgress = { ...before, ...change, updatedAt: now };
    if (
      change.state &&
      change.state !== 'Skipped' &&
      change.state !== 'Failed' &&
      change.state !== 'Waiting' &&
      !('reason' in change)
    ) {
      delete (next as { reason?: string }).reason;
      delete (next as { code?: string }).code;
    } else if ('reason' in change && !('code' in change)) {
      // A code belongs to the reason it came with.
      delete (next as { code?: string }).code;
    }
    this.put(mailbox, next);
  }

  /** Replaces one mailbox's entry and moves the counters from its old state to its new one. */
  private put(mailbox: string, next: MailboxProgress): void {
    const before = this.mailboxes.get(mailbox);
    if (before) this.count(before.state, -1);
    else this.counts.total++;
    this.count(next.state, 1);
    this.mailboxes.set(mailbox, next);
    if (next.state === 'Running' || next.state === 'Waiting') this.inFlight.add(mailbox);
    else this.inFlight.delete(mailbox);
    this.changed.add(mailbox);
  }

  private count(state: MailboxState, delta: 1 | -1): void {
    const counter = COUNTER[state];
    if (counter) this.counts[counter] += delta;
  }

  private reset(): void {
    this.mailboxes.clear();
    this.inFlight.clear();
    this.changed.clear();
    Object.assign(this.counts, { total: 0, done: 0, failed: 0, skipped: 0, waiting: 0, running: 0 });
  }
}
