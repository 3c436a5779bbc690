import { escapeFilter } from 'ldapts';

/**
 * Every LDAP filter the adapter sends. Values go in only through escapeFilter (RFC 4515: `*`, `(`, `)`,
 * `\` and NUL become \2a, \28, \29, \5c, \00), so a group name, an address or a DN typed by an admin can
 * never change the shape of a filter.
 */

/** LDAP_MATCHING_RULE_IN_CHAIN: the DC walks nested membership itself (MS-ADTS 3.1.1.3.4.4.3). */
export const IN_CHAIN = '1.2.840.113556.1.4.1941';

/** Everything that is a member of `groupDn`, directly or through nested groups (cycles included once). */
export function transitiveMembersFilter(groupDn: string): string {
  return escapeFilter`(memberOf:1.2.840.113556.1.4.1941:=${groupDn})`;
}

/** Groups whose name, mail or sAMAccountName starts with `prefix`. */
export function groupPrefixFilter(prefix: string): string {
  return escapeFilter`(&(objectClass=group)(|(name=${prefix}*)(mail=${prefix}*)(sAMAccountName=${prefix}*)))`;
}

/** Groups whose name, mail or sAMAccountName is exactly `text`. */
export function groupExactFilter(text: string): string {
  return escapeFilter`(&(objectClass=group)(|(name=${text})(mail=${text})(sAMAccountName=${text})))`;
}

export const ALL_GROUPS_FILTER = '(objectClass=group)';

/** Objects holding any of the addresses as mail or as a (primary or secondary) SMTP proxy address. */
export function addressesFilter(addresses: readonly string[]): string {
  // proxyAddresses matches case-insensitively, so "smtp:" finds the primary "SMTP:" value too.
  return `(|${addresses.map((a) => escapeFilter`(mail=${a})(proxyAddresses=smtp:${a})`).join('')})`;
}

/** The objects with these DNs, in one request instead of one read each. */
export function dnsFilter(dns: readonly string[]): string {
  return `(|${dns.map((dn) => escapeFilter`(distinguishedName=${dn})`).join('')})`;
}
