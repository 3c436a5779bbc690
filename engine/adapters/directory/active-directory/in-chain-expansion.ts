import type { ResolutionBuilder } from '../resolution-builder.ts';
import { BINARY_ATTRIBUTES, OBJECT_ATTRIBUTES } from './ad-entry.ts';
import { transitiveMembersFilter } from './ad-filters.ts';
import type { LdapSession } from './ldap-session.ts';
import { recordMember } from './record-member.ts';

/**
 * Nested membership evaluated by the DC (the in-chain matching rule): one paged search returns every
 * object below the group at any depth, each once even through a cycle. Fewest round trips; AD can be
 * slow on it for very deep or wide trees, hence the recursive alternative. Only objects under
 * directory.baseDn are returned.
 */
export async function expandInChain(
  session: LdapSession,
  baseDn: string,
  groupDn: string,
  builder: ResolutionBuilder,
): Promise<void> {
  const entries = await session.searchAll(
    baseDn,
    { filter: transitiveMembersFilter(groupDn), attributes: OBJECT_ATTRIBUTES, binary: BINARY_ATTRIBUTES },
    `expanding ${groupDn} (in-chain)`,
  );
  for (const entry of entries) recordMember(builder, entry);
}
