import type { ResolutionBuilder } from '../resolution-builder.ts';
import { BINARY_ATTRIBUTES, OBJECT_ATTRIBUTES } from './ad-entry.ts';
import { dnsFilter } from './ad-filters.ts';
import { dnKey } from './dn-key.ts';
import type { LdapSession } from './ldap-session.ts';
import { readMembers } from './member-ranges.ts';
import { recordMember } from './record-member.ts';

export interface RecursiveExpansionSettings {
  readonly baseDn: string;
  /** `member` values asked for per ranged request. */
  readonly rangeWindow: number;
  /** Member DNs read per search (an OR of distinguishedName equalities). */
  readonly dnBatchSize: number;
}

/**
 * Nested membership walked by us, for directories where the in-chain rule is unavailable or slow: each
 * group's `member` values are read in ranges, the members are then read in batches by DN, and nested
 * groups join the queue. Every DN is visited once, which makes cycles (A > B > C > A) and groups reached
 * by two paths safe. A member that cannot be read (outside directory.baseDn, or hidden from the bind
 * account) is reported as not found rather than dropped.
 */
export async function expandRecursively(
  session: LdapSession,
  settings: RecursiveExpansionSettings,
  groupDn: string,
  builder: ResolutionBuilder,
): Promise<void> {
  const seen = new Set<string>([dnKey(groupDn)]);
  const queue = [groupDn];
  for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
    session.checkCancelled();
    const members = await readMembers(session, group, settings.rangeWindow);
    if (members === undefined) {
      builder.skip(group, 'not found', 'a nested group that disappeared during the expansion');
      continue;
    }
    const fresh = members.filter((dn) => {
      const key = dnKey(dn);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    for (let i = 0; i < fresh.length; i += settings.dnBatchSize) {
      session.checkCancelled();
      const batch = fresh.slice(i, i + settings.dnBatchSize);
      const entries = await session.searchAll(
        settings.baseDn,
        { filter: dnsFilter(batch), attributes: OBJECT_ATTRIBUTES, binary: BINARY_ATTRIBUTES },
        `reading members of ${group}`,
      );
      const found = new Set<string>();
      for (const entry of entries) {
        found.add(dnKey(entry.dn));
        if (recordMember(builder, entry) === 'group') queue.push(entry.dn);
      }
      for (const dn of batch)
        if (!found.has(dnKey(dn)))
          builder.skip(dn, 'not found', 'outside directory.baseDn, or not readable by the bind account');
    }
  }
}
