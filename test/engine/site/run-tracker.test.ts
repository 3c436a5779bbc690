import { describe, expect, it } from 'vitest';
import type { MailboxProgress, MailboxState, RunCounts } from '../../../engine/domain/run.ts';
import type { TaskRecord } from '../../../engine/domain/records.ts';
import { RunTracker } from '../../../engine/site/run-tracker.ts';
import type { WorkerMessage } from '../../../engine/site/worker-protocol.ts';

/**
 * The tracker keeps counters instead of counting its mailboxes on every message. These tests drive it
 * with random message sequences and check, after every message, its counters and entries against a
 * brute-force model: the plain reducer the runtime used before (copy the map, recount every state).
 */

const STATES: MailboxState[] = ['Pending', 'Running', 'Waiting', 'Healthy', 'Skipped', 'Failed'];
const task = { id: 'task-1', version: 3 } as TaskRecord;
const clock = { now: () => new Date('2026-11-29T12:00:00Z') };

/** The former RunTracker's rules, written the obvious way (O(n) per message). */
class BruteForce {
  mailboxes: Record<string, MailboxProgress> = {};
  finished = false;

  apply(message: WorkerMessage, now: string): void {
    switch (message.type) {
      case 'resolved':
        this.mailboxes = {};
        for (const m of message.mailboxes)
          this.mailboxes[m] = { state: 'Pending', submissions: 0, updatedAt: now };
        for (const s of message.skipped)
          this.mailboxes[s.entry] = { state: 'Skipped', reason: s.reason, submissions: 0, updatedAt: now };
        return;
      case 'mailbox':
        return this.set(
          message.mailbox,
          {
            state: message.state,
            ...(message.reason ? { reason: message.reason } : {}),
            ...(message.code ? { code: message.code } : {}),
          },
          now,
        );
      case 'waiting':
        return this.set(
          message.mailbox,
          { state: 'Waiting', reason: `held by task "${message.heldBy}"` },
          now,
        );
      case 'submitted': {
        const m = this.mailboxes[message.mailbox];
        if (m) this.set(message.mailbox, { state: m.state, submissions: m.submissions + 1 }, now);
        return;
      }
      case 'finished':
        if (this.finished) return;
        this.finished = true;
        this.mailboxes = Object.fromEntries(
          Object.entries(this.mailboxes).map(([k, m]) =>
            m.state === 'Running' || m.state === 'Waiting'
              ? [k, { ...m, state: 'Pending' as const }]
              : [k, m],
          ),
        );
        return;
      default:
        return;
    }
  }

  counts(): RunCounts {
    const all = Object.values(this.mailboxes);
    const count = (s: MailboxState) => all.filter((m) => m.state === s).length;
    return {
      total: all.length,
      done: count('Healthy'),
      failed: count('Failed'),
      skipped: count('Skipped'),
      waiting: count('Waiting'),
    };
  }

  onlyWaiting(): boolean {
    const all = Object.values(this.mailboxes);
    return !all.some((m) => m.state === 'Running') && all.some((m) => m.state === 'Waiting');
  }

  private set(mailbox: string, change: Partial<MailboxProgress>, now: string): void {
    const before = this.mailboxes[mailbox] ?? { state: 'Pending', submissions: 0, updatedAt: now };
    const next: MailboxProgress = { ...before, ...change, updatedAt: now };
    if (change.state && !['Skipped', 'Failed', 'Waiting'].includes(change.state) && !('reason' in change))
      delete (next as { reason?: string }).reason;
    // A code travels with its reason: a new reason brings its own code (or none), a dropped one takes it.
    const code = 'reason' in change ? change.code : next.reason === undefined ? undefined : before.code;
    delete (next as { code?: string }).code;
    if (code !== undefined) (next as { code?: string }).code = code;
    this.mailboxes = { ...this.mailboxes, [mailbox]: next };
  }
}

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMessages(seed: number, length: number): WorkerMessage[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const mailboxes = Array.from({ length: 3 + Math.floor(next() * 20) }, (_, i) => `m${i}@contoso.com`);
  // Some messages name mailboxes the resolution did not list: the tracker must count those too.
  const any = [...mailboxes, 'stray@contoso.com', 'other@contoso.com'];
  const messages: WorkerMessage[] = [
    {
      type: 'resolved',
      mailboxes: mailboxes.slice(0, -2),
      skipped: mailboxes.slice(-2).map((entry) => ({ entry, reason: 'no mailbox' })),
      warnings: next() < 0.5 ? ['big group'] : [],
    },
  ];
  for (let i = 1; i < length; i++) {
    const roll = next();
    if (roll < 0.55)
      messages.push({
        type: 'mailbox',
        mailbox: pick(any),
        state: pick(STATES),
        ...(next() < 0.4 ? { reason: `reason ${i}`, ...(next() < 0.5 ? { code: `code-${i}` } : {}) } : {}),
      });
    else if (roll < 0.7) messages.push({ type: 'waiting', mailbox: pick(any), heldBy: 'Other task' });
    else if (roll < 0.85) messages.push({ type: 'submitted', mailbox: pick(any) });
    else if (roll < 0.95) messages.push({ type: 'command', command: `step ${i}` });
    else if (roll < 0.97) messages.push({ type: 'log', level: 'info', message: 'x' });
    else messages.push({ type: 'finished', outcome: 'partial', reason: 'some failed' });
  }
  return messages;
}

function entries(tracker: RunTracker): Record<string, MailboxProgress> {
  return Object.fromEntries(tracker.allMailboxes());
}

describe('RunTracker counters', () => {
  it('match a brute-force recount after every message of 300 random sequences', () => {
    const now = clock.now().toISOString();
    for (let seed = 1; seed <= 300; seed++) {
      const tracker = new RunTracker(task, 'run-1', 'lon-01', 'manual', 'run-1', clock);
      const model = new BruteForce();
      for (const [step, message] of randomMessages(seed, 200).entries()) {
        tracker.apply(message);
        model.apply(message, now);
        const where = `seed ${seed}, message ${step} (${message.type})`;
        expect(tracker.current.counts, where).toEqual(model.counts());
        expect(tracker.onlyWaiting, where).toBe(model.onlyWaiting());
        expect(entries(tracker), where).toEqual(model.mailboxes);
      }
    }
  });

  it('puts mailboxes still in flight back to Pending when the run is closed from outside', () => {
    const tracker = new RunTracker(task, 'run-1', 'lon-01', 'manual', 'run-1', clock);
    tracker.apply({
      type: 'resolved',
      mailboxes: ['a@x.com', 'b@x.com', 'c@x.com'],
      skipped: [],
      warnings: [],
    });
    tracker.apply({ type: 'mailbox', mailbox: 'a@x.com', state: 'Running' });
    tracker.apply({ type: 'waiting', mailbox: 'b@x.com', heldBy: 'Other' });
    tracker.apply({ type: 'mailbox', mailbox: 'c@x.com', state: 'Healthy' });
    expect(tracker.current.counts).toEqual({ total: 3, done: 1, failed: 0, skipped: 0, waiting: 1 });
    tracker.finish('cancelled', 'Cancelled by an administrator');
    expect(tracker.current).toMatchObject({
      state: 'cancelled',
      reason: 'Cancelled by an administrator',
      counts: { total: 3, done: 1, failed: 0, skipped: 0, waiting: 0 },
    });
    expect([tracker.mailbox('a@x.com')?.state, tracker.mailbox('b@x.com')?.state]).toEqual([
      'Pending',
      'Pending',
    ]);
    expect(tracker.onlyWaiting).toBe(false);
  });

  it('keeps the failure code of a failed run and of a failed mailbox', () => {
    const tracker = new RunTracker(task, 'run-1', 'lon-01', 'manual', 'run-1', clock);
    tracker.apply({ type: 'resolved', mailboxes: ['a@x.com'], skipped: [], warnings: [] });
    tracker.apply({
      type: 'mailbox',
      mailbox: 'a@x.com',
      state: 'Failed',
      reason: 'held',
      code: 'lock-timeout',
    });
    expect(tracker.mailbox('a@x.com')).toMatchObject({ reason: 'held', code: 'lock-timeout' });
    tracker.apply({
      type: 'finished',
      outcome: 'failed',
      reason: 'All 1 mailboxes failed',
      code: 'lock-timeout',
    });
    expect(tracker.current).toMatchObject({ state: 'failed', code: 'lock-timeout' });
  });
});

describe('RunTracker changed rows', () => {
  it('hands out each changed mailbox once, as it is now, and only those changed since the last call', () => {
    const tracker = new RunTracker(task, 'run-1', 'lon-01', 'manual', 'run-1', clock);
    const mailboxes = Array.from({ length: 1000 }, (_, i) => `m${i}@x.com`);
    tracker.apply({ type: 'resolved', mailboxes, skipped: [], warnings: [] });
    expect(tracker.takeChangedRows()).toHaveLength(1000);
    expect(tracker.takeChangedRows()).toEqual([]);
    tracker.apply({ type: 'mailbox', mailbox: 'm5@x.com', state: 'Running' });
    tracker.apply({ type: 'submitted', mailbox: 'm5@x.com' });
    tracker.apply({ type: 'mailbox', mailbox: 'm5@x.com', state: 'Healthy' });
    tracker.apply({ type: 'mailbox', mailbox: 'm7@x.com', state: 'Failed', reason: 'gone' });
    tracker.apply({ type: 'command', command: 'Reading m8@x.com' });
    expect(tracker.takeChangedRows().sort((a, b) => a.mailbox.localeCompare(b.mailbox))).toEqual([
      {
        runId: 'run-1',
        mailbox: 'm5@x.com',
        state: 'Healthy',
        submissions: 1,
        updatedAt: '2026-11-29T12:00:00.000Z',
      },
      {
        runId: 'run-1',
        mailbox: 'm7@x.com',
        state: 'Failed',
        reason: 'gone',
        submissions: 0,
        updatedAt: '2026-11-29T12:00:00.000Z',
      },
    ]);
    tracker.markChanged(['m7@x.com', 'never-seen@x.com']);
    expect(tracker.takeChangedRows().map((r) => r.mailbox)).toEqual(['m7@x.com']);
  });
});
