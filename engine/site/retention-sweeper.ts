import type { RunRecord } from '../domain/run.ts';
import type { Submission } from '../platform/platform-store.ts';
import type { KvStore, StoredValue } from '../ports/kv-store.ts';
import type { RetentionSettings } from '../site-config/schema.ts';
import { AUDIT_PREFIX, runMailboxPrefix, runPrefix, submissionKey, submissionPrefix } from '../store/keys.ts';

/** What one sweep removed. */
export interface SweepResult {
  /** Run summaries deleted. */
  runs: number;
  /** Per-mailbox rows of those runs deleted. */
  mailboxRows: number;
  /** Submissions whose payload was dropped (their key and sequence stay). */
  payloads: number;
  /** Audit entries deleted. */
  audit: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Applies a site's retention settings to what the site wrote: old runs (each task keeps its newest
 * `keepRuns`), the payloads of old submissions, and old audit entries. Every read is one bounded page
 * of a key range, so a sweep never holds a whole prefix in memory, however large the store.
 *
 * The tasks swept are those with runs on this site (`keepRuns` ≥ 1 keeps one per task), so a site
 * touches only its own runs and submissions. Audit entries are shared; several sites deleting the same
 * old entries is harmless.
 */
export class RetentionSweeper {
  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly settings: Pick<
      RetentionSettings,
      'runDays' | 'keepRuns' | 'submissionPayloadDays' | 'auditDays'
    >,
    private readonly pageSize = 200,
  ) {}

  async sweep(now: Date): Promise<SweepResult> {
    const result: SweepResult = { runs: 0, mailboxRows: 0, payloads: 0, audit: 0 };
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    for await (const taskId of this.tasksWithRuns()) {
      await this.sweepRuns(taskId, before(this.settings.runDays), result);
      await this.sweepPayloads(taskId, before(this.settings.submissionPayloadDays), now, result);
    }
    result.audit = await this.sweepAudit(before(this.settings.auditDays));
    return result;
  }

  /** One task id at a time: read the first run key, then jump past that task's key range. */
  private async *tasksWithRuns(): AsyncGenerator<string> {
    const prefix = runPrefix(this.site);
    let after: string | undefined;
    for (;;) {
      const [first] = await this.store.list(prefix, { limit: 1, ...(after ? { after } : {}) });
      if (!first) return;
      const taskId = first.key.slice(prefix.length).split(':')[0] ?? '';
      yield taskId;
      after = pastRange(runPrefix(this.site, taskId));
    }
  }

  /**
   * Oldest first (run ids start with their UTC start time): deletes finished runs that ended before
   * `cutoff`, never more than leaves `keepRuns`, and stops at the first run that started after it.
   */
  private async sweepRuns(taskId: string, cutoff: string, result: SweepResult): Promise<void> {
    const prefix = runPrefix(this.site, taskId);
    let allowed = (await this.store.count(prefix)) - this.settings.keepRuns;
    let after: string | undefined;
    while (allowed > 0) {
      const page = await this.store.list<RunRecord>(prefix, {
        limit: this.pageSize,
        ...(after ? { after } : {}),
      });
      for (const { key, value: run, revision } of page) {
        if (allowed === 0 || run.startedAt >= cutoff) return;
        after = key;
        if (run.state === 'running' || (run.finishedAt ?? run.startedAt) >= cutoff) continue;
        // Rows first: a sweep cut short leaves a run with fewer rows, never rows without a run.
        result.mailboxRows += await this.deleteAll(runMailboxPrefix(this.site, taskId, run.runId));
        if (await this.store.deleteIf(key, revision)) {
          result.runs++;
          allowed--;
        }
      }
      if (page.length < this.pageSize) return;
    }
  }

  /** Deletes a prefix a page at a time (each page read is deleted, so the next read starts over). */
  private async deleteAll(prefix: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const page = await this.store.list(prefix, { limit: this.pageSize });
      const done = await Promise.all(page.map((e) => this.store.deleteIf(e.key, e.revision)));
      deleted += done.filter(Boolean).length;
      if (page.length < this.pageSize) return deleted;
    }
  }

  /** One mailbox at a time: read its first submission, then jump past its key range. */
  private async sweepPayloads(taskId: string, cutoff: string, now: Date, result: SweepResult) {
    const prefix = submissionPrefix(taskId);
    let after: string | undefined;
    for (;;) {
      const [first] = await this.store.list<Submission>(prefix, { limit: 1, ...(after ? { after } : {}) });
      if (!first) return;
      const mailbox = first.value.mailbox;
      // Most mailboxes have nothing old enough: their oldest submission says so.
      if (first.value.submittedAt < cutoff)
        result.payloads += await this.dropPayloads(taskId, mailbox, cutoff, now);
      after = pastRange(submissionPrefix(taskId, mailbox));
    }
  }

  /**
   * A mailbox's submissions are numbered in time order, and payloads are always dropped from the
   * oldest up, so: find the newest submission older than `cutoff` (a binary search over sequence
   * numbers, a one-entry read per step), then walk down from it until one already without payload.
   */
  private async dropPayloads(taskId: string, mailbox: string, cutoff: string, now: Date): Promise<number> {
    const prefix = submissionPrefix(taskId, mailbox);
    const [newest] = await this.store.list<Submission>(prefix, { reverse: true, limit: 1 });
    if (!newest) return 0;
    /** The first submission numbered `sequence` or later, if it is older than the cutoff. */
    const oldAtOrAfter = async (sequence: number) => {
      const [entry] = await this.store.list<Submission>(prefix, {
        after: submissionKey(taskId, mailbox, sequence - 1),
        limit: 1,
      });
      return entry && entry.value.submittedAt < cutoff ? entry : undefined;
    };
    let newestOld: StoredValue<Submission> | undefined;
    if (newest.value.submittedAt < cutoff) newestOld = newest;
    else {
      let low = 0; // as if sequence 0 were old
      let high = newest.value.sequence; // known not old
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        const found = await oldAtOrAfter(middle);
        if (found) {
          newestOld = found;
          low = Math.max(middle, found.value.sequence);
        } else high = middle;
      }
    }
    if (!newestOld) return 0;

    let dropped = 0;
    let after = submissionKey(taskId, mailbox, newestOld.value.sequence + 1);
    for (;;) {
      const page = await this.store.list<Submission>(prefix, { reverse: true, after, limit: this.pageSize });
      for (const { key, value, revision } of page) {
        if (value.payloadDroppedAt) return dropped;
        const { payload: _payload, ...kept } = value;
        const slim: Submission = { ...kept, payloadDroppedAt: now.toISOString() };
        if (await this.store.replaceIf(key, revision, slim)) dropped++;
        after = key;
      }
      if (page.length < this.pageSize) return dropped;
    }
  }

  /** Audit keys start with their time: delete from the oldest until the first one inside the window. */
  private async sweepAudit(cutoff: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const page = await this.store.list<{ at: string }>(AUDIT_PREFIX, { limit: this.pageSize });
      const old = page.filter((e) => e.value.at < cutoff);
      const done = await Promise.all(old.map((e) => this.store.deleteIf(e.key, e.revision)));
      deleted += done.filter(Boolean).length;
      if (old.length < this.pageSize) return deleted;
    }
  }
}

/**
 * The smallest key above every key that starts with `prefix` (which ends in ":"): ":" + 1 is ";".
 * Listing after it skips the whole range in one indexed step.
 */
function pastRange(prefix: string): string {
  return `${prefix.slice(0, -1)};`;
}
