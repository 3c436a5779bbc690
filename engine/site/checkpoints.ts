import type { KvStore } from '../ports/kv-store.ts';
import { PlatformStore } from '../platform/platform-store.ts';
import { checkpointKey } from '../store/keys.ts';

/** What a task type keeps per mailbox between submissions (sync states, counters). */
export interface Checkpoint {
  /** Submissions made for this (task, mailbox) so far; the next one gets sequence + 1. */
  readonly sequence: number;
  readonly state: unknown;
  readonly savedAt: string;
  /**
   * The run (first attempt id, kept across resumes) in which this mailbox was finished, so a resumed
   * run knows exactly which mailboxes are done.
   */
  readonly completedIn?: string;
}

/**
 * Per-mailbox checkpoints of one task on one site; only that site writes them.
 *
 * Keyv has no multi-key transactions, so the checkpoint key cannot be written atomically with the
 * submission it follows. It does not have to be: every submission carries the state it leads to (one
 * write), and reading a checkpoint takes whichever is newer, the checkpoint key or the newest
 * submission. A crash between the two writes therefore resumes from the submitted state, never from an
 * older one — with sync states or delta links, an older one would fetch a different batch and the
 * changes only in the stored batch would be lost. The key itself holds what has no submission: the
 * mark that a mailbox finished with nothing to submit.
 */
export class Checkpoints {
  private readonly platform: PlatformStore;

  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly taskId: string,
  ) {
    this.platform = new PlatformStore(store);
  }

  async read(mailbox: string): Promise<Checkpoint | undefined> {
    const [saved, submitted] = await Promise.all([
      this.store.get<Checkpoint>(checkpointKey(this.site, this.taskId, mailbox)),
      this.platform.latest(this.taskId, mailbox),
    ]);
    if (!submitted?.checkpoint || (saved && saved.value.sequence >= submitted.sequence)) return saved?.value;
    return {
      sequence: submitted.sequence,
      state: submitted.checkpoint.state,
      savedAt: submitted.submittedAt,
      ...(submitted.checkpoint.completedIn ? { completedIn: submitted.checkpoint.completedIn } : {}),
    };
  }

  async save(mailbox: string, checkpoint: Checkpoint): Promise<void> {
    await this.store.set(checkpointKey(this.site, this.taskId, mailbox), checkpoint);
  }
}
