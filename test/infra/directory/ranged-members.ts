import type { Client } from 'ldapts';
import { values } from './values.ts';

const RANGE_KEY = /^member;range=(\d+)-(\d+|\*)$/i;

/**
 * Reads every `member` value of a group the way that works on both Windows AD and Samba: request
 * `member;range=<low>-*` (or `<low>-<low+window-1>`) and continue after the returned range until the
 * server marks the last chunk with `*`. AD caps each answer at MaxValRange (1500) values; Samba answers
 * an open range in full, so only a window makes it take several rounds.
 */
export async function readRangedMembers(
  client: Client,
  dn: string,
  window?: number,
): Promise<{ members: string[]; rounds: number }> {
  const members: string[] = [];
  let low = 0;
  let rounds = 0;
  for (;;) {
    const high = window === undefined ? '*' : String(low + window - 1);
    const { searchEntries } = await client.search(dn, {
      scope: 'base',
      attributes: [`member;range=${low}-${high}`],
    });
    rounds += 1;
    const entry = searchEntries[0];
    if (!entry) throw new Error(`no such group: ${dn}`);
    // ldapts also lists the requested name with no values when the server answered under another range.
    const answered = Object.keys(entry).find((key) => RANGE_KEY.test(key) && values(entry, key).length > 0);
    if (!answered) return { members, rounds };
    members.push(...values(entry, answered));
    const end = RANGE_KEY.exec(answered)?.[2];
    if (end === '*' || end === undefined) return { members, rounds };
    low = Number(end) + 1;
  }
}
