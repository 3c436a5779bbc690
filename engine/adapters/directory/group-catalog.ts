import { z } from 'zod';
import type { Logger } from '../../logging/logger.ts';
import { quietLogger } from './quiet-logger.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { DirectoryGroup, GroupCatalogSource } from '../../ports/directory.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import { groupCatalogManifestKey, legacyGroupCatalogKey } from './directory-keys.ts';
import { deleteOtherGenerations, newGeneration, writeGeneration } from './group-catalog-generations.ts';

/**
 * The group catalog: every group of a site's directory, published by the site to the store on a schedule
 * (directory.catalogRefreshMinutes) so the bot's "Lookup from AD" and the CLI answer prefix queries from
 * the store, without a connection to AD, and without the site's directory secrets. Stored sharded (one
 * key per group and per lookup term, under a generation a manifest names; see directory-keys.ts).
 */

/** One group as stored; read back with a schema, since processes of different versions share the store. */
export const catalogGroupSchema = z.object({
  dn: z.string(),
  name: z.string(),
  mail: z.string().optional(),
  kind: z.enum(['security', 'distribution', 'microsoft-365']),
  memberCount: z.number().int().nonnegative().optional(),
  accountName: z.string().optional(),
});

/** The manifest: which generation is live, and what the publish said about it. */
export const groupCatalogManifestSchema = z.object({
  site: z.string(),
  generation: z.string().regex(/^[0-9a-z]+$/),
  publishedAt: z.string(),
  /** How long reading the directory took, for the admin wondering why a publish is slow. */
  elapsedMs: z.number().nonnegative(),
  /** How many groups the generation holds. */
  groups: z.number().int().nonnegative(),
});
export type GroupCatalogManifest = z.infer<typeof groupCatalogManifestSchema>;

/** The whole catalog at once: what readGroupCatalog returns, and the single-key format of old versions. */
export const groupCatalogSchema = z.object({
  site: z.string(),
  publishedAt: z.string(),
  elapsedMs: z.number().nonnegative(),
  groups: z.array(catalogGroupSchema),
});

export type GroupCatalog = z.infer<typeof groupCatalogSchema>;

export interface PublishGroupCatalogOptions {
  readonly site: string;
  readonly directory: GroupCatalogSource;
  readonly store: KvStore;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * Stops the publish (the site is stopping): before the manifest switch it rejects with
   * DirectoryCancelledError and the previous catalog stays live; after it, the old generation's
   * deletion stops and the next publish finishes it.
   */
  readonly signal?: AbortSignal;
}

export interface PublishedCatalog {
  readonly groups: number;
  readonly publishedAt: string;
  readonly elapsedMs: number;
  readonly generation: string;
}

/**
 * Reads every group from the site's directory and replaces the site's catalog in the store: the new
 * generation is written in full, then the manifest is switched to it (one write), then the previous
 * generation is deleted in pages. Readers follow the manifest, so a lookup never sees half a catalog.
 * Called by the site runtime on its schedule; a failure leaves the previous catalog live (a half-written
 * generation is deleted by the next publish) and is thrown to the caller.
 */
export async function publishGroupCatalog(options: PublishGroupCatalogOptions): Promise<PublishedCatalog> {
  const { site, store } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? quietLogger();
  const started = performance.now();
  const groups = (await options.directory.listGroups()).map(plain);
  const elapsedMs = Math.round(performance.now() - started);
  const generation = newGeneration(clock.now());
  await writeGeneration(store, site, generation, groups, options.signal);
  const manifest: GroupCatalogManifest = {
    site,
    generation,
    publishedAt: clock.now().toISOString(),
    elapsedMs,
    groups: groups.length,
  };
  await store.set(groupCatalogManifestKey(site), manifest);
  await store.delete(legacyGroupCatalogKey(site));
  const deleted = await deleteOtherGenerations(store, site, generation, options.signal);
  logger.info(
    { site, groups: groups.length, elapsedMs, generation, oldKeysDeleted: deleted },
    'directory: group catalog published',
  );
  return { groups: groups.length, publishedAt: manifest.publishedAt, elapsedMs, generation };
}

/** Only the catalog's fields, nothing an adapter may have attached. */
function plain(group: DirectoryGroup): DirectoryGroup {
  return {
    dn: group.dn,
    name: group.name,
    kind: group.kind,
    ...(group.mail !== undefined ? { mail: group.mail } : {}),
    ...(group.memberCount !== undefined ? { memberCount: group.memberCount } : {}),
    ...(group.accountName !== undefined ? { accountName: group.accountName } : {}),
  };
}
