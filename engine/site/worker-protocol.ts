import type { MailboxState } from '../domain/run.ts';
import type { SkippedEntry } from '../ports/directory.ts';

/**
 * Messages between the site (parent) and a run's worker thread. Bree reserves the strings 'cancel'
 * (parent → worker), 'cancelled' and 'done' (worker → parent); everything else is one of these typed
 * objects, so both sides agree at compile time.
 */
export const CANCEL = 'cancel';
export const DONE = 'done';

export type WorkerMessage =
  | { type: 'resolved'; mailboxes: string[]; skipped: SkippedEntry[]; warnings: string[] }
  | { type: 'mailbox'; mailbox: string; state: MailboxState; reason?: string; code?: string }
  | { type: 'waiting'; mailbox: string; heldBy: string }
  | { type: 'command'; command: string }
  | { type: 'submitted'; mailbox: string }
  | {
      type: 'log';
      level: 'debug' | 'info' | 'warn' | 'error';
      message: string;
      data?: Record<string, unknown>;
    }
  | {
      type: 'finished';
      outcome: 'succeeded' | 'partial' | 'failed' | 'cancelled';
      reason?: string;
      /** Why the run failed, as a stable code (see run-failure.ts); with `reason` for people. */
      code?: string;
    };

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
