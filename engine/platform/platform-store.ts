import type { KvStore } from '../ports/kv-store.ts';
import { submissionKey, submissionPrefix } from '../store/keys.ts';

/** The task type's state for a mailbox as it stood right after a submission (e.g. its sync states). */
export interface SubmittedCheckpoint {
  readonly state: unknown;
  /** Set when this submission finished the mailbox for the run (first attempt id). */
  readonly completedIn?: string;
}

export interface Submission {
  readonly taskId: string;
  readonly mailbox: string;
  readonly sequence: number;
  readonly runId: string;
  readonly submittedAt: string;
  readonly payload: unknown;
  /**
   * Stored in the same write as the payload, so the submission and the state it leads to can never
   * part: a pass always resumes from the newest submission's state (see Checkpoints).
   */
  readonly checkpoint?: SubmittedCheckpoint;
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

  /** The mailbox's newest submission (highest sequence), read from the end of the key range. */
  async latest(taskId: string, mailbox: string): Promise<Submission | undefined> {
    const [newest] = await this.store.list<Submission>(submissionPrefix(taskId, mailbox), {
      reverse: true,
      limit: 1,
    });
    return newest?.value;
  }

  async list(taskId: string, mailbox: string): Promise<Submission[]> {
    return (await this.store.list<Submission>(submissionPrefix(taskId, mailbox))).map((e) => e.value);
  }

  async listTask(taskId: string): Promise<Submission[]> {
    return (await this.store.list<Submission>(submissionPrefix(taskId))).map((e) => e.value);
  }

  async count(taskId: string): Promise<number> {
    return this.store.count(submissionPrefix(taskId));
  }
}
