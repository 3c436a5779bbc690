import type { KvStore } from '../ports/kv-store.ts';
import { submissionKey, submissionPrefix } from '../store/keys.ts';

export interface Submission {
  readonly taskId: string;
  readonly mailbox: string;
  readonly sequence: number;
  readonly runId: string;
  readonly submittedAt: string;
  /** Absent once retention dropped it (`payloadDroppedAt`); the key and sequence stay for exactly-once. */
  readonly payload?: unknown;
  readonly payloadDroppedAt?: string;
}

/**
 * The embedded platform: where replication results land (MSE: "the Mimecast platform"). Each
 * submission has a deterministic key (task, mailbox, sequence) and is written create-if-absent, so a
 * submission repeated after a crash is recognised and not stored twice.
 */
export class PlatformStore {
  constructor(private readonly store: KvStore) {}

  /** True when stored now, false when this sequence was already there (a replay after a crash). */
  async submit(submission: Submission): Promise<boolean> {
    return this.store.createIfAbsent(
      submissionKey(submission.taskId, submission.mailbox, submission.sequence),
      submission,
    );
  }

  async list(taskId: string, mailbox: string): Promise<Submission[]> {
    return (await this.store.list<Submission>(submissionPrefix(taskId, mailbox))).map((e) => e.value);
  }

  async listTask(taskId: string): Promise<Submission[]> {
    return (await this.store.list<Submission>(submissionPrefix(taskId))).map((e) => e.value);
  }

  /** Counted in the key index: no submission is read. */
  async count(taskId: string): Promise<number> {
    return this.store.count(submissionPrefix(taskId));
  }
}
