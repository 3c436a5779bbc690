import type { DefinitionRecord, TaskRecord } from '../domain/records.ts';
import { describeTarget } from '../domain/target.ts';
import type { Clock } from '../ports/clock.ts';
import type { DirectoryPort } from '../ports/directory.ts';
import type { KvStore } from '../ports/kv-store.ts';
import type { MailboxPort } from '../ports/mailbox.ts';
import { PlatformStore } from '../platform/platform-store.ts';
import type { AnyTaskTypeHandler, PassPlatform } from '../task-types/task-type.ts';
import { Checkpoints, type Checkpoint } from './checkpoints.ts';
import { MailboxLocks } from './mailbox-lock.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import { MailboxQueue } from './mailbox-queue.ts';
import { SubmissionCounter, type RunTestHooks } from './run-test-hooks.ts';
import { describeFailure, RUNTIME_FAILURE_CODES, RunFailure } from './run-failure.ts';

export type { RunTestHooks } from './run-test-hooks.ts';
import type { WorkerMessage } from './worker-protocol.ts';

export interface RunSettings {
  readonly maxParallelMailboxes: number;
  readonly passItemLimit: number;
  /** How long to wait before trying a mailbox another task holds again. */
  readonly lockRetryMs: number;
  /** How long a mailbox lock lasts unless renewed (renewed every third of it while the run works). */
  readonly lockLeaseMs: number;
  /** How long a mailbox may wait for another task's lock before it is failed for this run. */
  readonly lockWaitMs: number;
  /** Test hooks that end the process at exact points, to prove crash safety deterministically. */
  readonly testHooks?: RunTestHooks;
}

export interface RunContext {
  readonly site: string;
  readonly runId: string;
  /** The first attempt's run id; the same for a run resumed after a crash. */
  readonly attemptOf: string;
  readonly task: TaskRecord;
  readonly definition: DefinitionRecord;
  readonly store: KvStore;
  readonly directory: DirectoryPort;
  readonly exchange: MailboxPort;
  readonly handler: AnyTaskTypeHandler;
  /** The replica tables and blob store the task types write to (opened by the worker). */
  readonly platform: Omit<PassPlatform, 'scope'>;
  readonly settings: RunSettings;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  post(message: WorkerMessage): void;
}

type Finished = Extract<WorkerMessage, { type: 'finished' }>;

/**
 * One run of a task, inside its worker thread: resolve the target, then work through the mailboxes
 * with bounded parallelism, one pass at a time, each under the site's mailbox lock (a lease this run
 * renews while it works). A mailbox whose pass ran out of budget goes to the back of the queue
 * (Enterprise Vault's pass limit), so one huge mailbox cannot starve the others. Returns the outcome
 * it also posts.
 */
export async function executeRun(ctx: RunContext): Promise<Finished> {
  const finish = (outcome: Finished['outcome'], reason?: string, code?: string): Finished => {
    const message: Finished = {
      type: 'finished',
      outcome,
      ...(reason ? { reason } : {}),
      ...(code ? { code } : {}),
    };
    ctx.post(message);
    return message;
  };
  ctx.post({ type: 'command', command: `Resolving ${describeTarget(ctx.task.target)}` });
  let mailboxes: readonly string[];
  try {
    const resolution = await ctx.directory.resolve(ctx.task.target, { signal: ctx.signal });
    mailboxes = resolution.mailboxes.map((m) => m.email);
    ctx.post({
      type: 'resolved',
      mailboxes: [...mailboxes],
      skipped: [...resolution.skipped],
      warnings: [...resolution.warnings],
    });
  } catch (error) {
    if (ctx.signal.aborted) return finish('cancelled', 'Cancelled by an administrator');
    const failure = describeFailure(error);
    return finish('failed', `The target could not be resolved: ${failure.message}`, failure.code);
  }

  const { settings } = ctx;
  const locks = new MailboxLocks(ctx.store, ctx.site, ctx.clock, settings.lockLeaseMs);
  const leases = new LeaseKeeper(locks, ctx.runId, settings.lockLeaseMs);
  const checkpoints = new Checkpoints(ctx.store, ctx.site, ctx.task.id);
  const queue = new MailboxQueue(mailboxes, ctx.clock);
  const waitingSince = new Map<string, number>();
  const results = { healthy: 0, failed: 0 };
  const submissions = new SubmissionCounter(settings.testHooks);
  // A mailbox's notes gather over all its passes in this run and are shown when it finishes.
  const notesByMailbox = new Map<string, string[]>();
  const notesOf = (mailbox: string): string[] => {
    let notes = notesByMailbox.get(mailbox);
    if (!notes) notesByMailbox.set(mailbox, (notes = []));
    return notes;
  };

  const fail = (mailbox: string, reason: string, code: string) => {
    results.failed++;
    ctx.post({ type: 'mailbox', mailbox, state: 'Failed', reason, code });
  };

  const processNext = async (): Promise<void> => {
    for (;;) {
      if (ctx.signal.aborted) return;
      const next = await queue.take(ctx.signal);
      if (!next) return;
      const lock = await locks.acquire(next, {
        taskId: ctx.task.id,
        taskName: ctx.task.name,
        runId: ctx.runId,
        since: ctx.clock.now().toISOString(),
      });
      if (!lock.acquired) {
        const now = ctx.clock.now().getTime();
        const since = waitingSince.get(next) ?? now;
        waitingSince.set(next, since);
        if (now - since >= settings.lockWaitMs) {
          queue.done(next);
          fail(
            next,
            `Waited ${formatMinutes(now - since)} for ${next}, held by task "${lock.heldBy.taskName}" since ${lock.heldBy.since}; it is tried again at the next run`,
            RUNTIME_FAILURE_CODES.lockTimeout,
          );
          continue;
        }
        ctx.post({ type: 'waiting', mailbox: next, heldBy: lock.heldBy.taskName });
        queue.retryLater(next, settings.lockRetryMs);
        continue;
      }
      waitingSince.delete(next);
      const lease = leases.hold(next, ctx.signal);
      try {
        const saved = await checkpoints.read(next);
        if (saved?.completedIn === ctx.attemptOf) {
          results.healthy++;
          queue.done(next);
          ctx.post({
            type: 'mailbox',
            mailbox: next,
            state: 'Healthy',
            reason: 'finished before the interruption',
          });
          continue;
        }
        ctx.post({ type: 'mailbox', mailbox: next, state: 'Running' });
        const notes = notesOf(next);
        const result = await runPass(ctx, next, saved, checkpoints, lease.signal, submissions, notes);
        if (result.deferred) {
          queue.done(next);
          notesByMailbox.delete(next);
          ctx.post({ type: 'mailbox', mailbox: next, state: 'Skipped', reason: result.deferred });
        } else if (result.complete) {
          results.healthy++;
          queue.done(next);
          notesByMailbox.delete(next);
          ctx.post({
            type: 'mailbox',
            mailbox: next,
            state: 'Healthy',
            ...(notes.length ? { reason: notes.join('; ') } : {}),
          });
        } else {
          queue.requeue(next);
          ctx.post({
            type: 'mailbox',
            mailbox: next,
            state: 'Pending',
            reason: 'pass limit reached; continues after the other mailboxes',
          });
        }
      } catch (error) {
        queue.done(next);
        if (ctx.signal.aborted) {
          ctx.post({ type: 'mailbox', mailbox: next, state: 'Pending', reason: 'run cancelled' });
        } else if (lease.lost) {
          fail(
            next,
            `The lock on ${next} expired and another run took it; the mailbox is tried again at the next run`,
            RUNTIME_FAILURE_CODES.lockLost,
          );
        } else {
          const failure = describeFailure(error);
          fail(next, failure.message, failure.code);
        }
      } finally {
        leases.drop(next);
        // A lock that cannot be released now expires with its lease; the site also releases a run's
        // locks when the run ends.
        await locks.release(next, ctx.runId).catch(() => undefined);
      }
    }
  };

  leases.start();
  try {
    await Promise.all(
      Array.from(
        { length: Math.min(settings.maxParallelMailboxes, Math.max(1, mailboxes.length)) },
        processNext,
      ),
    );
  } finally {
    leases.stop();
  }
  if (ctx.signal.aborted) return finish('cancelled', 'Cancelled by an administrator');
  if (results.failed === 0) return finish('succeeded');
  if (results.healthy === 0) return finish('failed', `All ${results.failed} mailboxes failed`);
  return finish('partial', `${results.failed} of ${mailboxes.length} mailboxes failed`);
}

async function runPass(
  ctx: RunContext,
  mailbox: string,
  saved: Checkpoint | undefined,
  checkpoints: Checkpoints,
  signal: AbortSignal,
  submissions: SubmissionCounter,
  notes: string[],
) {
  const platform = new PlatformStore(ctx.store);
  let sequence = saved?.sequence ?? 0;
  let state: unknown = readState(ctx.handler, saved, (note) => ctx.post({ type: 'command', command: note }));
  return ctx.handler.runPass({
    mailbox,
    definition: ctx.definition,
    settings: ctx.handler.settingsOf(ctx.definition) as unknown,
    exchange: ctx.exchange,
    itemBudget: ctx.settings.passItemLimit,
    signal,
    checkpoint: state,
    report: (command) => ctx.post({ type: 'command', command }),
    note: (detail) => {
      if (!notes.includes(detail)) notes.push(detail);
    },
    platform: { scope: { taskId: ctx.task.id, mailbox }, ...ctx.platform },
    now: () => ctx.clock.now(),
    runId: ctx.attemptOf,
    submit: async (payload, next, options) => {
      signal.throwIfAborted();
      const submittedAt = ctx.clock.now().toISOString();
      // The payload and the state it leads to are one write: there is no moment at which one is stored
      // and the other is not. A resumed pass starts from the newest stored state (Checkpoints.read).
      const stored = await platform.submit({
        taskId: ctx.task.id,
        mailbox,
        sequence: sequence + 1,
        runId: ctx.runId,
        submittedAt,
        payload,
        checkpoint: { state: next, ...(options?.final ? { completedIn: ctx.attemptOf } : {}) },
      });
      if (!stored)
        throw new RunFailure(
          RUNTIME_FAILURE_CODES.sequenceTaken,
          `Submission ${sequence + 1} of ${mailbox} was already stored by another run; nothing was overwritten, and the mailbox continues from the stored state at the next run`,
        );
      sequence++;
      state = next;
      submissions.stored();
      ctx.post({ type: 'submitted', mailbox });
    },
    complete: async (last) => {
      await checkpoints.save(mailbox, {
        sequence,
        state: last ?? state,
        savedAt: ctx.clock.now().toISOString(),
        completedIn: ctx.attemptOf,
      });
    },
  });
}

/** The saved state through the task type's schema; one that no longer fits means starting over. */
function readState(
  handler: AnyTaskTypeHandler,
  saved: Checkpoint | undefined,
  note: (text: string) => void,
): unknown {
  if (saved?.state === undefined) return undefined;
  const parsed = handler.checkpointSchema.safeParse(saved.state);
  if (parsed.success) return parsed.data;
  note('The saved state of this mailbox could not be read by this engine version; starting it over');
  return undefined;
}

function formatMinutes(ms: number): string {
  const minutes = ms / 60_000;
  return minutes >= 1 ? `${Math.round(minutes)} min` : `${Math.round(ms / 1000)} s`;
}
