import { generatedAlias } from '../model/generator/generate-mailbox.ts';
import type { MailboxModel } from '../model/model.ts';

/** How `exsync sim` tells a user the addresses of a population too large to list. */
export interface MailboxNaming {
  /** The generated mailboxes (`--mailboxes`), which the pattern names. */
  readonly count: number;
  /**
   * Shell brace ranges, one per digit width: `user{00001..00050}@example.test`; past 99,999 a second
   * range follows (`…, user{100000..120000}@example.test`), so every range expands exactly as written.
   */
  readonly pattern: string;
  /** The first few addresses, to copy into a task's target. */
  readonly sample: readonly string[];
  /** Mailboxes added beside the generated ones (the service account's own mailbox). */
  readonly others: readonly string[];
}

const SAMPLE = 5;

/**
 * The generated mailboxes are `user` + a 1-based ordinal of at least 5 digits, at the population's
 * domain (see generatedAlias); the names are read back from the model so this cannot drift from it.
 */
export function describeMailboxNaming(model: MailboxModel): MailboxNaming {
  const count = model.population.mailboxes;
  const address = (ordinal: number) => model.mailboxAt(ordinal)?.primarySmtp ?? '';
  const sample = Array.from({ length: Math.min(SAMPLE, count) }, (_, i) => address(i));
  const others = Array.from({ length: model.mailboxCount - count }, (_, i) => address(count + i));
  if (count === 0) return { count, pattern: '', sample, others };
  const number = (ordinal: number) => generatedAlias(ordinal).replace(/^user/, '');
  const ranges: string[] = [];
  let start = 0;
  for (let i = 1; i <= count; i++) {
    if (i < count && number(i).length === number(start).length) continue;
    ranges.push(`user{${number(start)}..${number(i - 1)}}@${model.population.domain}`);
    start = i;
  }
  return { count, pattern: ranges.join(', '), sample, others };
}
