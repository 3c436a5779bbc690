import type { Entry } from 'ldapts';
import type { DirectoryGroup } from '../../../ports/directory.ts';
import { GroupNotFoundError } from '../directory-errors.ts';
import { rankGroups } from '../group-ranking.ts';
import { first, groupKind, objectClasses } from './ad-entry.ts';
import { dnKey } from './dn-key.ts';
import { ALL_GROUPS_FILTER, groupExactFilter, groupPrefixFilter } from './ad-filters.ts';
import type { LdapSession } from './ldap-session.ts';
import { memberChunk, readMembers } from './member-ranges.ts';

const GROUP_ATTRIBUTES = ['objectClass', 'name', 'mail', 'sAMAccountName', 'groupType'];
/** Candidates a live lookup ranks before cutting to 15; AD honours the limit, Samba returns them all. */
const LOOKUP_CANDIDATES = 200;

export function toDirectoryGroup(entry: Entry, memberCount?: number): DirectoryGroup {
  const mail = first(entry, 'mail')?.toLowerCase();
  const accountName = first(entry, 'sAMAccountName');
  return {
    dn: entry.dn,
    name: first(entry, 'name') ?? entry.dn,
    kind: groupKind(entry),
    ...(mail ? { mail } : {}),
    ...(accountName ? { accountName } : {}),
    ...(memberCount !== undefined ? { memberCount } : {}),
  };
}

/**
 * The group at `dn`; GroupNotFoundError when nothing is there, when the object is not a group, or when
 * the DC answered with an object whose DN is not the one asked for. The last is defence in depth: a DC
 * that normalises a value its own way (Samba cuts it at an escaped NUL, folds spaces) would otherwise
 * resolve another group's members under this group's name. DNs compare as AD compares them:
 * case-insensitively, in the RFC 4514 canonical spelling (dnKey).
 */
export async function readGroup(session: LdapSession, dn: string): Promise<DirectoryGroup> {
  const entry = await session.read(dn, GROUP_ATTRIBUTES);
  if (!entry)
    throw new GroupNotFoundError(
      dn,
      `group ${dn} does not exist in Active Directory (or the bind account cannot see it): check the DN, ` +
        'e.g. with "Lookup from AD" or the distinguishedName attribute in ADUC',
    );
  if (dnKey(entry.dn) !== dnKey(dn))
    throw new GroupNotFoundError(
      dn,
      `group ${dn} does not exist in Active Directory: the DC answered with ${entry.dn}, another object, ` +
        'so it was not used; check the DN, e.g. with "Lookup from AD" or the distinguishedName attribute in ADUC',
    );
  if (!objectClasses(entry).has('group')) {
    const kind = [...objectClasses(entry)].at(-1) ?? 'object';
    throw new GroupNotFoundError(
      dn,
      `${dn} is a ${kind}, not a group: use a mailbox target for a single mailbox`,
    );
  }
  return toDirectoryGroup(entry);
}

export async function findGroups(
  session: LdapSession,
  baseDn: string,
  query: string,
  limit: number,
): Promise<DirectoryGroup[]> {
  const request = { filter: groupPrefixFilter(query), attributes: GROUP_ATTRIBUTES };
  const what = `looking up groups starting with "${query}"`;
  const entries = await session.searchSome(baseDn, request, LOOKUP_CANDIDATES, what);
  // AD stopped at the limit, in no useful order: make sure an exact match is among the candidates.
  if (entries.length >= LOOKUP_CANDIDATES) {
    const exact = { filter: groupExactFilter(query), attributes: GROUP_ATTRIBUTES };
    const seen = new Set(entries.map((e) => e.dn.toLowerCase()));
    for (const entry of await session.searchSome(baseDn, exact, LOOKUP_CANDIDATES, what))
      if (!seen.has(entry.dn.toLowerCase())) entries.push(entry);
  }
  return rankGroups(
    entries.map((e) => toDirectoryGroup(e)),
    query,
    limit,
  );
}

/**
 * Every group under the base DN with its direct member count, for the catalog. The count reads plain
 * `member`, which AD truncates for groups over MaxValRange; those are finished with ranged requests.
 */
export async function listGroups(
  session: LdapSession,
  baseDn: string,
  rangeWindow: number,
): Promise<DirectoryGroup[]> {
  const entries = await session.searchAll(
    baseDn,
    { filter: ALL_GROUPS_FILTER, attributes: [...GROUP_ATTRIBUTES, 'member'] },
    'listing groups for the catalog',
  );
  const groups: DirectoryGroup[] = [];
  for (const entry of entries) {
    const chunk = memberChunk(entry, 0);
    const members =
      chunk.next === undefined ? chunk.values : await readMembers(session, entry.dn, rangeWindow, entry);
    groups.push(toDirectoryGroup(entry, members?.length));
  }
  return groups;
}
