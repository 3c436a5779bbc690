import type { Entry } from 'ldapts';
import type { ResolutionBuilder } from '../resolution-builder.ts';
import { classify } from './ad-entry.ts';

/** Adds a non-group member to the resolution (a mailbox, or a skipped entry with its reason); groups are returned. */
export function recordMember(builder: ResolutionBuilder, entry: Entry): 'group' | 'recorded' {
  const what = classify(entry);
  switch (what.kind) {
    case 'group':
      return 'group';
    case 'mailbox':
      builder.addMailbox(what.mailbox);
      return 'recorded';
    case 'skip':
      builder.skip(entry.dn, what.reason, what.detail);
      return 'recorded';
  }
}
