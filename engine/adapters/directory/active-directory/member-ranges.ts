import type { Entry } from 'ldapts';
import { DirectoryOperationError } from '../directory-errors.ts';
import { strings } from './ad-entry.ts';
import type { LdapSession } from './ldap-session.ts';

/**
 * Ranged retrieval of `member` (MS-ADTS 3.1.1.3.1.3.3): AD returns at most MaxValRange values (1500 since
 * Windows 2003; admins can lower it) per request, under an attribute named for the range it served,
 * `member;range=0-1499`, and marks the last chunk with `*`. Asked for plain `member`, a big group comes
 * back with an EMPTY `member` and the first chunk under `member;range=0-1499` (implicit truncation), so
 * code that only reads `member` would see an empty group. Here the served range always decides what
 * comes next, whatever was asked for.
 */

const RANGE_KEY = /^member;range=(\d+)-(\d+|\*)$/i;

export interface MemberChunk {
  readonly values: readonly string[];
  /** Where the next request starts; undefined when this was the last chunk. */
  readonly next?: number;
}

/** Reads the member values of one answer, ranged (explicitly or implicitly) or plain. */
export function memberChunk(entry: Entry, requestedLow: number): MemberChunk {
  // ldapts also lists a requested attribute the server answered under another name, with no values.
  for (const key of Object.keys(entry)) {
    const range = RANGE_KEY.exec(key);
    if (!range) continue;
    const values = strings(entry, key);
    if (values.length === 0) continue;
    if (range[2] === '*') return { values };
    const low = Number(range[1]);
    const high = Number(range[2]);
    if (low !== requestedLow || high < low)
      throw new DirectoryOperationError(
        `Active Directory answered member range ${low}-${high} of ${entry.dn} when ${requestedLow} onwards was asked for`,
      );
    return { values, next: high + 1 };
  }
  // A server without range support (or a small group asked for plainly) returns everything as `member`.
  return { values: strings(entry, 'member') };
}

/**
 * Every member DN of a group, starting from `first` (an answer already read, e.g. with plain `member`)
 * or from range 0. `window` values are asked for per request (AD serves at most MaxValRange of them).
 * Returns undefined when the group does not exist; never a partial list.
 */
export async function readMembers(
  session: LdapSession,
  dn: string,
  window: number,
  first?: Entry,
): Promise<string[] | undefined> {
  const members: string[] = [];
  let low = 0;
  let entry = first;
  for (;;) {
    session.checkCancelled();
    entry ??= await session.read(dn, [`member;range=${low}-${low + window - 1}`]);
    if (!entry) {
      if (low === 0) return undefined;
      throw new DirectoryOperationError(`${dn} disappeared while its members were being read; try again`);
    }
    const chunk = memberChunk(entry, low);
    members.push(...chunk.values);
    if (chunk.next === undefined) return members;
    low = chunk.next;
    entry = undefined;
  }
}
