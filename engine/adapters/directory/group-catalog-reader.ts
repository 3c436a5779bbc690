import type { DirectoryGroup } from '../../ports/directory.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import { GroupCatalogMissingError } from './directory-errors.ts';
import { groupCatalogKey } from './directory-keys.ts';
import { groupCatalogSchema, type GroupCatalog } from './group-catalog.ts';
import { lookupLimit, lookupQuery, rankGroups } from './group-ranking.ts';

export interface CatalogLookup {
  readonly site: string;
  /** When the site read these groups from its directory: the bot can say "as of ...". */
  readonly publishedAt: string;
  readonly groups: DirectoryGroup[];
}

/** The site's catalog, or undefined when it has not published one. */
export async function readGroupCatalog(store: KvStore, site: string): Promise<GroupCatalog | undefined> {
  const stored = await store.get<unknown>(groupCatalogKey(site));
  if (!stored) return undefined;
  const parsed = groupCatalogSchema.safeParse(stored.value);
  if (!parsed.success)
    throw new GroupCatalogMissingError(
      `the group catalog of site ${site} in the store cannot be read (${parsed.error.issues[0]?.message ?? 'invalid'}); ` +
        'it is replaced the next time the site publishes it',
    );
  return parsed.data;
}

/**
 * "Lookup from AD" from the store: groups of the site's catalog whose name, mail or account name starts
 * with the query, ranked as a live lookup ranks them, at most 15.
 */
export async function searchGroupCatalog(
  store: KvStore,
  site: string,
  query: string,
  limit?: number,
): Promise<CatalogLookup> {
  const text = lookupQuery(query);
  const catalog = await readGroupCatalog(store, site);
  if (!catalog)
    throw new GroupCatalogMissingError(
      `site ${site} has not published a group catalog yet: it does so when it starts and then every ` +
        'directory.catalogRefreshMinutes; is the site running?',
    );
  return {
    site,
    publishedAt: catalog.publishedAt,
    groups: rankGroups(catalog.groups, text, lookupLimit(limit)),
  };
}
