import type { DefinitionRecord, TaskRecord } from '../domain/records.ts';
import { describeTarget } from '../domain/target.ts';
import type { Clock } from '../ports/clock.ts';
import type { DirectoryPort } from '../ports/directory.ts';
import type { KvStore } from '../ports/kv-store.ts';
import type { MailboxPort } from '../ports/mailbox.ts';
import { PlatformStore } from '../platform/platform-store.ts';
import type { TaskTypeHandler } from '../task-types/task-type.ts';
import { Checkpoints, type Checkpoint } from './checkpoints.ts';
import { MailboxLocks } from './mailbox-lock.ts';
import { MailboxQueue } from './mailbox-queue.ts';
import type { WorkerMessage } from './worker-protocol.ts';

export interface RunSettings {
  readonly maxParallelMailboxes: number;
  readonly passItemLimit: number;
  /** How long to wait before trying a mailbox another task holds again. */
  readonly lockRetryMs: number;
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
  readonly handler: TaskTypeHandler;
  readonly settings: RunSettings;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  post(message: WorkerMessage): void;
}

/**
 * One run of a task, inside its worker thread: resolve the target, then work through the mailboxes
 * with bounded parallelism, one pass at a time, each under the site's mailbox lock. A mailbox whose
 * pass ran out of budget goes to the back of the queue (Enterprise Vault's pass limit), so one huge
 * mailbox cannot starve the others. Returns the outcome it also posts.
 */
export async function executeRun(ctx: RunContext): Promise<Extract<WorkerMessage, { type: 'finished' }>> {
  const finish = (outcome: 'succeeded' | 'partial' | 'failed' | 'cancelled', reason?: string) => {
    const message = { type: 'finished', outcome, ...(reason ? { reason } : {}) } as const;
    ctx.post(message);
    return message;
  };
  ctx.post({ type: 'command', command: `Resolving ${describeTarget(ctx.task.target)}` });
  let mailboxes: readonly string[];
  try {
    const resolution = await ctx.directory.resolve(ctx.task.target);
    mailboxes = resolution.mailboxes.map((m) => m.email);
    ctx.post({
      type: 'resolved',
      mailboxes: [...mailboxes],
      skipped: [...resolution.skipped],
      warnings: [...resolution.warnings],
    });
  } catch (error) {
    return finish('failed', `The target could not be resolved: ${messageOf(error)}`);
  }

  const locks = new MailboxLocks(ctx.store, ctx.site);
  const checkpoints = new Checkpoints(ctx.store, ctx.site, ctx.task.id);
  const platform = new PlatformStore(ctx.store);
  const queue = new MailboxQueue(mailboxes, ctx.clock);
  const results = { healthy: 0, failed: 0 };

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
        ctx.post({ type: 'waiting', mailbox: next, heldBy: lock.heldBy.taskName });
        queue.retryLater(next, ctx.settings.lockRetryMs);
        continue;
      }
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
        const result = await runPass(ctx, next, saved, checkpoints, platform);
        if (result.complete) {
          results.healthy++;
          queue.done(next);
          ctx.post({ type: 'mailbox', mailbox: next, state: 'Healthy' });
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
        } else {
          results.failed++;
          ctx.post({ type: 'mailbox', mailbox: next, state: 'Failed', reason: messageOf(error) });
        }
      } finally {
        await locks.release(next, ctx.runId);
      }
    }
  };

  await Promise.all(
    Array.from(
      { length: Math.min(ctx.settings.maxParallelMailboxes, Math.max(1, mailboxes.length)) },
      processNext,
    ),
  );
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
  platform: PlatformStore,
) {
  let sequence = saved?.sequence ?? 0;
  return ctx.handler.runPass({
    mailbox,
    definition: ctx.definition,
    exchange: ctx.exchange,
    itemBudget: ctx.settings.passItemLimit,
    signal: ctx.signal,
    checkpoint: saved?.state,
    report: (command) => ctx.post({ type: 'command', command }),
    submit: async (payload, state, options) => {
      const next = sequence + 1;
      const stored = await platform.submit({
        taskId: ctx.task.id,
        mailbox,
        sequence: next,
        runId: ctx.runId,
        submittedAt: ctx.clock.now().toISOString(),
        payload,
      });
      // Saved after the submission: a crash in between replays this sequence, which the platform ignores.
      await checkpoints.save(mailbox, {
        sequence: next,
        state,
        savedAt: ctx.clock.now().toISOString(),
        ...(options?.final ? { completedIn: ctx.attemptOf } : {}),
      });
      sequence = next;
      if (stored) ctx.post({ type: 'submitted', mailbox });
    },
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
