import type { Clock } from '../../ports/clock.ts';
import type { Resolution, ResolvedMailbox, SkipReason, SkippedEntry } from '../../ports/directory.ts';
import { EmptyTargetError } from './directory-errors.ts';

/**
 * Collects what a target turned into, the same way for every adapter: each mailbox once (a user reached
 * through two nested groups, or typed twice under two addresses, is one mailbox), every entry left out
 * with its reason, and the warnings. `finish` refuses to return a resolution without a mailbox.
 */
export class ResolutionBuilder {
  private readonly byId = new Map<string, ResolvedMailbox>();
  private readonly byEmail = new Set<string>();
  private readonly skippedEntries = new Map<string, SkippedEntry>();
  private readonly warningList: string[] = [];

  constructor(
    /** describeTarget(target), for the empty-target error. */
    private readonly description: string,
    private readonly clock: Clock,
  ) {}

  get mailboxCount(): number {
    return this.byId.size;
  }

  addMailbox(mailbox: ResolvedMailbox): void {
    if (this.byId.has(mailbox.directoryId) || this.byEmail.has(mailbox.email)) return;
    this.byId.set(mailbox.directoryId, mailbox);
    this.byEmail.add(mailbox.email);
  }

  /** The first reason recorded for an entry wins; the same entry reached twice is reported once. */
  skip(entry: string, reason: SkipReason, detail?: string): void {
    const key = entry.toLowerCase();
    if (this.skippedEntries.has(key)) return;
    this.skippedEntries.set(key, detail ? { entry, reason, detail } : { entry, reason });
  }

  warn(text: string): void {
    if (!this.warningList.includes(text)) this.warningList.push(text);
  }

  /** Warns when a group holds more mailboxes than the site's soft limit (MSE advises 250–300). */
  checkSoftLimit(group: string, softLimit: number): void {
    if (this.byId.size > softLimit)
      this.warn(
        `${group} resolves to ${this.byId.size} mailboxes, more than the soft limit of ${softLimit} ` +
          '(directory.groupSoftLimit; MSE advises 250–300 per group): consider splitting it into smaller groups',
      );
  }

  finish(): Resolution {
    const skipped = [...this.skippedEntries.values()];
    if (this.byId.size === 0) throw new EmptyTargetError(this.description, skipped);
    return {
      // Code-unit order: the same on every host, whatever its locale.
      mailboxes: [...this.byId.values()].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0)),
      skipped,
      warnings: [...this.warningList],
      resolvedAt: this.clock.now().toISOString(),
    };
  }
}
