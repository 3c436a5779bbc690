/**
 * Store keys of the directory work. Both are runtime keys of one site, written only by that site
 * (engine/store/keys.ts: `runtime:<site>:...`); the bot and the CLI only read the catalog.
 */
export const groupCatalogKey = (site: string) => `runtime:${site}:group-catalog`;
export const membershipCachePrefix = (site: string) => `runtime:${site}:membership:`;
export const membershipCacheKey = (site: string, hash: string) => `${membershipCachePrefix(site)}${hash}`;
