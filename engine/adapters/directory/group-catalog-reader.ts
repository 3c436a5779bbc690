import type { z } from 'zod';
import type { DirectoryGroup } from '../../ports/directory.ts';
import type { KvStore, StoredValue } from '../../ports/kv-store.ts';
import { GroupCatalogMissingError } from './directory-errors.ts';
import {
  groupCatalogGroupPrefix,
  groupCatalogManifestKey,
  groupCatalogTermPrefix,
  legacyGroupCatalogKey,
} from './directory-keys.ts';
import {
  catalogGroupSchema,
  groupCatalogManifestSchema,
  groupCatalogSchema,
  type GroupCatalog,
  type GroupCatalogManifest,
} from './group-catalog.ts';
import { lookupLimit, lookupQuery, rankGroups } from './group-ranking.ts';

export interface CatalogLookup {
  readonly site: string;
  /** When the site read these groups from its directory: the bot can say "as of ...". */
  readonly publishedAt: string;
  readonly groups: DirectoryGroup[];
}

/**
 * Term keys a lookup reads before ranking. When more terms match (a one-letter query over 50,000
 * groups), ranking picks from the first ones in code-point order, exact matches first, as a live AD
 * lookup picks from the DC's first 200; the admin types one more letter.
 */
export const LOOKUP_CANDIDATES = 200;
/** Group keys per page when all groups are read. */
const READ_PAGE = 1000;
/** A publish switched the manifest while we read: read again from the new one, a few times at most. */
const ATTEMPTS = 5;

type Live =
  | { readonly kind: 'sharded'; readonly manifest: GroupCatalogManifest }
  | { readonly kind: 'legacy'; readonly catalog: GroupCatalog };

/**
 * The site's whole catalog, or undefined when it has not published one: every group, read a page at a
 * time. For callers that need all groups; lookups use searchGroupCatalog, which reads matches only.
 */
export async function readGroupCatalog(store: KvStore, site: string): Promise<GroupCatalog | undefined> {
  return consistently(store, site, async (live) => {
    if (live.kind === 'legacy') return live.catalog;
    const { manifest } = live;
    const prefix = groupCatalogGroupPrefix(site, manifest.generation);
    const groups: DirectoryGroup[] = [];
    for (let after: string | undefined; ;) {
      const page = await store.list<unknown>(prefix, { limit: READ_PAGE, ...(after ? { after } : {}) });
      groups.push(...page.map((entry) => group(entry, site)));
      if (page.length < READ_PAGE) break;
      after = page.at(-1)?.key;
    }
    groups.sort((a, b) => a.name.localeCompare(b.name));
    return { site, publishedAt: manifest.publishedAt, elapsedMs: manifest.elapsedMs, groups };
  });
}

/**
 * "Lookup from AD" from the store: groups of the site's catalog whose name, mail or account name starts
 * with the query, ranked as a live lookup ranks them, at most 15. One range read of the term index (plus
 * the manifest before and after), never the whole catalog.
 */
export async function searchGroupCatalog(
  store: KvStore,
  site: string,
  query: string,
  limit?: number,
): Promise<CatalogLookup> {
  const text = lookupQuery(query);
  const found = await consistently(store, site, async (live) => {
    if (live.kind === 'legacy') return { publishedAt: live.catalog.publishedAt, groups: live.catalog.groups };
    const prefix = groupCatalogTermPrefix(site, live.manifest.generation) + text.toLowerCase();
    // Exact matches come first: their keys continue with TERM_END (U+0001), below any other character.
    const candidates = await store.list<unknown>(prefix, { limit: LOOKUP_CANDIDATES });
    const byDn = new Map<string, DirectoryGroup>();
    for (const entry of candidates) {
      const g = group(entry, site);
      byDn.set(g.dn.toLowerCase(), g);
    }
    return { publishedAt: live.manifest.publishedAt, groups: [...byDn.values()] };
  });
  if (!found)
    throw new GroupCatalogMissingError(
      `site ${site} has not published a group catalog yet: it does so when it starts and then every ` +
        'directory.catalogRefreshMinutes; is the site running?',
    );
  return { site, publishedAt: found.publishedAt, groups: rankGroups(found.groups, text, lookupLimit(limit)) };
}

/**
 * Runs `read` against the live catalog and checks afterwards that the manifest still names the same
 * generation. A publish deletes a generation only after switching away from it and never reuses one, so
 * an unchanged manifest proves the read saw one whole generation; a changed one means read again.
 */
async function consistently<T>(
  store: KvStore,
  site: string,
  read: (live: Live) => Promise<T>,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const live = await liveCatalog(store, site);
    if (!live) return undefined;
    const result = await read(live);
    if (live.kind === 'legacy') return result;
    const now = await manifest(store, site);
    if (now?.generation === live.manifest.generation) return result;
    if (attempt >= ATTEMPTS)
      throw new GroupCatalogMissingError(
        `the group catalog of site ${site} changed ${ATTEMPTS} times while it was being read; try again`,
      );
  }
}

async function liveCatalog(store: KvStore, site: string): Promise<Live | undefined> {
  const current = await manifest(store, site);
  if (current) return { kind: 'sharded', manifest: current };
  const legacy = await store.get<unknown>(legacyGroupCatalogKey(site));
  if (!legacy) return undefined;
  return { kind: 'legacy', catalog: parsed(groupCatalogSchema, legacy.value, site) };
}

async function manifest(store: KvStore, site: string): Promise<GroupCatalogManifest | undefined> {
  const stored = await store.get<unknown>(groupCatalogManifestKey(site));
  return stored ? parsed(groupCatalogManifestSchema, stored.value, site) : undefined;
}

function group(entry: StoredValue<unknown>, site: string): DirectoryGroup {
  return parsed(catalogGroupSchema, entry.value, site);
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, site: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new GroupCatalogMissingError(
    `the group catalog of site ${site} in the store cannot be read (${result.error.issues[0]?.message ?? 'invalid'}); ` +
      'it is replaced the next time the site publishes it',
  );
}
