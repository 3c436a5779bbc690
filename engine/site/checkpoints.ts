import type { KvStore } from '../ports/kv-store.ts';
import { checkpointKey } from '../store/keys.ts';

/** What a task type keeps per mailbox between submissions (sync states, counters). */
export interface Checkpoint {
  /** Submissions made for this (task, mailbox) so far; the next one gets sequence + 1. */
  readonly sequence: number;
  readonly state: unknown;
  readonly savedAt: string;
  /**
   * The run (first attempt id, kept across resumes) in which this mailbox was finished. Saved in the
   * same write as the last submission, so a resumed run knows exactly which mailboxes are done.
   */
  readonly completedIn?: string;
}

/** Per-mailbox checkpoints of one task on one site; only that site writes them. */
export class Checkpoints {
  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly taskId: string,
  ) {}

  async read(mailbox: string): Promise<Checkpoint | undefined> {
    return (await this.store.get<Checkpoint>(checkpointKey(this.site, this.taskId, mailbox)))?.value;
  }

  async save(mailbox: string, checkpoint: Checkpoint): Promise<void> {
    await this.store.set(checkpointKey(this.site, this.taskId, mailbox), checkpoint);
  }
}
