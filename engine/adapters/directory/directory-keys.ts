import { createHash } from 'node:crypto';

/**
 * Store keys of the directory work. All are runtime keys of one site, written only by that site
 * (engine/store/keys.ts: `runtime:<site>:...`); the bot and the CLI only read the catalog.
 *
 * The group catalog is sharded so that a typeahead lookup is one index range read, not a parse of every
 * group (several MB at 50,000 groups):
 * - `runtime:<site>:group-catalog:manifest` → the live generation (one small key; switching it is the
 *   publish's one atomic step)
 * - `runtime:<site>:group-catalog:g<gen>:group:<dn-hash>` → one group (for readers of all groups)
 * - `runtime:<site>:group-catalog:g<gen>:term:<lower-cased name|mail|account name>\u0001<dn-hash>` → the
 *   group again, so a prefix lookup reads matches only. U+0001, not NUL, ends the term: PostgreSQL text
 *   cannot hold NUL, and no group name holds a control character (lookups refuse them).
 * - `runtime:<site>:group-catalog` → the catalog of versions before the sharding, all groups in one
 *   value; still read when there is no manifest, deleted by the first sharded publish.
 */
export const legacyGroupCatalogKey = (site: string) => `runtime:${site}:group-catalog`;
export const groupCatalogManifestKey = (site: string) => `runtime:${site}:group-catalog:manifest`;
/** Every generation's keys start with this (the manifest does not). */
export const groupCatalogGenerationsRoot = (site: string) => `runtime:${site}:group-catalog:g`;
export const groupCatalogGenerationPrefix = (site: string, generation: string) =>
  `${groupCatalogGenerationsRoot(site)}${generation}:`;
export const groupCatalogGroupPrefix = (site: string, generation: string) =>
  `${groupCatalogGenerationPrefix(site, generation)}group:`;
export const groupCatalogTermPrefix = (site: string, generation: string) =>
  `${groupCatalogGenerationPrefix(site, generation)}term:`;
export const TERM_END = '\u0001';

export const membershipCachePrefix = (site: string) => `runtime:${site}:membership:`;
export const membershipCacheKey = (site: string, hash: string) => `${membershipCachePrefix(site)}${hash}`;

/** A short, key-safe name for a group: its DN (or Entra object id), case-insensitively. */
export function groupHash(dn: string): string {
  return createHash('sha256').update(dn.toLowerCase()).digest('base64url').slice(0, 22);
}
