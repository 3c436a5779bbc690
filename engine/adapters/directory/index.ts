/** The directory adapters and what the site runtime, the bot and the CLI use of them. */
export { createDirectory, type CreateDirectoryOptions } from './create-directory.ts';
export type { SiteDirectory } from './cached-directory.ts';
export {
  publishGroupCatalog,
  groupCatalogSchema,
  groupCatalogManifestSchema,
  type GroupCatalog,
  type GroupCatalogManifest,
  type PublishGroupCatalogOptions,
  type PublishedCatalog,
} from './group-catalog.ts';
export {
  LOOKUP_CANDIDATES,
  readGroupCatalog,
  searchGroupCatalog,
  type CatalogLookup,
} from './group-catalog-reader.ts';
export { LOOKUP_LIMIT, lookupQuery, rankGroups } from './group-ranking.ts';
export {
  groupCatalogGenerationsRoot,
  groupCatalogManifestKey,
  legacyGroupCatalogKey,
  membershipCachePrefix,
} from './directory-keys.ts';
export * from './directory-errors.ts';
export type { ActiveDirectoryTuning } from './active-directory/active-directory.ts';
export type { Microsoft365Tuning } from './microsoft-365/microsoft-365-directory.ts';
export {
  countRoundTrips,
  type CreateLdapConnection,
  type LdapConnection,
  type RoundTripListener,
} from './active-directory/ldap-connection.ts';
export { parseTarget } from './parse-target.ts';
