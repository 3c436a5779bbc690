import type { z } from 'zod';
import type { DefinitionRecord } from '../domain/records.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { MailboxPort } from '../ports/mailbox.ts';
import type { ReplicaScope, ReplicaStore } from '../ports/replica-store.ts';

/**
 * What a task type does for one mailbox in one pass. The runtime owns scheduling, locking, fairness,
 * checkpoints and status; a task type only reads and changes the mailbox and submits to the platform.
 * `Settings` are the definition's settings for this type; `State` is what it keeps per mailbox
 * between passes (sync states, delta links), stored by the runtime and read back through its schema.
 */
export interface MailboxPass<Settings = unknown, State = unknown> {
  readonly mailbox: string;
  readonly definition: DefinitionRecord;
  readonly settings: Settings;
  readonly exchange: MailboxPort;
  /** Items this pass may handle before the mailbox goes to the back of the queue. */
  readonly itemBudget: number;
  readonly signal: AbortSignal;
  /**
   * This task's state for the mailbox as left by the last successful submission (or completion);
   * undefined the first time, and when the stored state no longer fits the schema (start over).
   */
  readonly checkpoint: State | undefined;
  /**
   * Sends one result to the platform together with the state it leads to, in one write. Exactly once:
   * a crash at any point resumes from the newest stored state, so nothing is submitted twice and
   * nothing is skipped. `final` marks the mailbox done for this run in the same write.
   */
  submit(payload: unknown, checkpoint: State, options?: { final?: boolean }): Promise<void>;
  /** Marks the mailbox done for this run without a submission (nothing changed), keeping `checkpoint`. */
  complete(checkpoint: State | undefined): Promise<void>;
  /** Says what the task is doing now, in admin words (becomes the task's Command). */
  report(command: string): void;
  /**
   * Adds a line to the mailbox's detail for this run, shown with its state (e.g. "Inbox: the sync
   * state had expired; the folder was read again in full"). Notes never fail the mailbox.
   */
  note(detail: string): void;
  /** The embedded platform this pass writes to: the replica tables and the blob store. */
  readonly platform: PassPlatform;
  /** The runtime's clock (tests drive it); use it for every time the pass stores. */
  now(): Date;
  /** The run's first attempt id: the same for a run resumed after a crash. */
  readonly runId: string;
}

export interface PassPlatform {
  readonly scope: ReplicaScope;
  readonly replica: ReplicaStore;
  readonly blobs: BlobStore;
}

export interface PassResult {
  /** False when the budget ran out and the mailbox needs another pass. */
  readonly complete: boolean;
  /**
   * Set when the pass did nothing on purpose and the mailbox must wait for a later run (e.g. it needs
   * a full sync inside a full-sync exclusion window). The mailbox shows as Skipped with this reason;
   * it does not fail the run.
   */
  readonly deferred?: string;
}

export interface TaskTypeHandler<Settings = unknown, State = unknown> {
  /** Reads a stored per-mailbox state back; the store is shared by engines of different versions. */
  readonly checkpointSchema: z.ZodType<State>;
  /** The definition's settings for this type (validated when the definition was saved). */
  settingsOf(definition: DefinitionRecord): Settings;
  /**
   * Runs one pass. Throws to fail the mailbox: the message is shown to admins and an error's `code`
   * (ExchangeError, DirectoryError, …) travels with it.
   */
  runPass(pass: MailboxPass<Settings, State>): Promise<PassResult>;
}

/** A handler of any type, as the registry and the runtime hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTaskTypeHandler = TaskTypeHandler<any, any>;
