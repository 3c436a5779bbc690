import { countMailboxes, type MailboxProgress, type RunRecord, type RunTrigger } from '../domain/run.ts';
import type { TaskRecord } from '../domain/records.ts';
import type { Clock } from '../ports/clock.ts';
import type { WorkerMessage } from './worker-protocol.ts';

/**
 * The record of one run, kept in the site's memory and updated from its worker's messages. The site
 * writes it to the store; nothing else does.
 */
export class RunTracker {
  private record: RunRecord;
  command = 'Starting';
  submissions = 0;

  constructor(
    task: TaskRecord,
    runId: string,
    site: string,
    trigger: RunTrigger,
    attemptOf: string,
    private readonly clock: Clock,
  ) {
    this.record = {
      runId,
      taskId: task.id,
      site,
      trigger,
      attemptOf,
      state: 'running',
      startedAt: clock.now().toISOString(),
      taskVersion: task.version,
      pid: process.pid,
      counts: { total: 0, done: 0, failed: 0, skipped: 0, waiting: 0 },
      mailboxes: {},
      warnings: [],
    };
  }

  get current(): RunRecord {
    return this.record;
  }

  /** Applies a worker message; returns true when the run's state changed in a way worth writing at once. */
  apply(message: WorkerMessage): boolean {
    const now = this.clock.now().toISOString();
    switch (message.type) {
      case 'resolved': {
        const mailboxes: Record<string, MailboxProgress> = {};
        for (const m of message.mailboxes)
          mailboxes[m] = { state: 'Pending', submissions: 0, updatedAt: now };
        for (const s of message.skipped)
          mailboxes[s.entry] = { state: 'Skipped', reason: s.reason, submissions: 0, updatedAt: now };
        this.update({ mailboxes, warnings: message.warnings });
        return true;
      }
      case 'mailbox':
        this.setMailbox(
          message.mailbox,
          { state: message.state, ...(message.reason ? { reason: message.reason } : {}) },
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
        const m = this.record.mailboxes[message.mailbox];
        if (m) this.setMailbox(message.mailbox, { state: m.state, submissions: m.submissions + 1 }, now);
        return false;
      }
      case 'log':
        return false;
      case 'finished':
        this.finish(message.outcome, message.reason);
        return true;
    }
  }

  /** Closes the run (also for a worker that died or a site that stopped). */
  finish(state: Exclude<RunRecord['state'], 'running'>, reason?: string): void {
    if (this.record.state !== 'running') return;
    // Mailboxes still in flight when a run ends did not finish: they stay Pending for the next run.
    const mailboxes = Object.fromEntries(
      Object.entries(this.record.mailboxes).map(([k, m]) =>
        m.state === 'Running' || m.state === 'Waiting' ? [k, { ...m, state: 'Pending' as const }] : [k, m],
      ),
    );
    this.update({
      state,
      finishedAt: this.clock.now().toISOString(),
      ...(reason ? { reason } : {}),
      mailboxes,
    });
    this.command = '';
  }

  /** "12 of 40 mailboxes done, 1 failed, 2 skipped". */
  detail(): string {
    const c = this.record.counts;
    const parts = [`${c.done} of ${c.total} mailboxes done`];
    if (c.failed) parts.push(`${c.failed} failed`);
    if (c.skipped) parts.push(`${c.skipped} skipped`);
    if (c.waiting) parts.push(`${c.waiting} waiting`);
    return parts.join(', ');
  }

  private setMailbox(mailbox: string, change: Partial<MailboxProgress>, now: string): void {
    const before = this.record.mailboxes[mailbox] ?? { state: 'Pending', submissions: 0, updatedAt: now };
    const next: MailboxProgress = { ...before, ...change, updatedAt: now };
    if (
      change.state &&
      change.state !== 'Skipped' &&
      change.state !== 'Failed' &&
      change.state !== 'Waiting' &&
      !('reason' in change)
    ) {
      delete (next as { reason?: string }).reason;
    }
    this.update({ mailboxes: { ...this.record.mailboxes, [mailbox]: next } });
  }

  private update(change: Partial<RunRecord>): void {
    const next = { ...this.record, ...change };
    this.record = { ...next, counts: countMailboxes(next.mailboxes) };
  }
}
