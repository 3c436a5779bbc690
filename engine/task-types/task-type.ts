import type { DefinitionRecord } from '../domain/records.ts';
import type { MailboxPort } from '../ports/mailbox.ts';

/**
 * What a task type does for one mailbox in one pass. The runtime owns scheduling, locking, fairness,
 * checkpoints and status; a task type only reads and changes the mailbox and submits to the platform.
 */
export interface MailboxPass {
  readonly mailbox: string;
  readonly definition: DefinitionRecord;
  readonly exchange: MailboxPort;
  /** Items this pass may handle before the mailbox goes to the back of the queue. */
  readonly itemBudget: number;
  readonly signal: AbortSignal;
  /** This task's saved state for the mailbox (e.g. sync states), as left by the last successful submission. */
  readonly checkpoint: unknown;
  /**
   * Sends one result to the platform and saves `checkpoint` with it. Exactly once: a submission that
   * was stored before a crash is not stored again when the run resumes. `final` marks the mailbox done
   * for this run in the same write, so a resumed run does not do it again.
   */
  submit(payload: unknown, checkpoint: unknown, options?: { final?: boolean }): Promise<void>;
  /** Says what the task is doing now, in admin words (becomes the task's Command). */
  report(command: string): void;
}

export interface PassResult {
  /** False when the budget ran out and the mailbox needs another pass. */
  readonly complete: boolean;
}

export interface TaskTypeHandler {
  /** Runs one pass; throws to fail the mailbox (the message is shown to admins). */
  runPass(pass: MailboxPass): Promise<PassResult>;
}
