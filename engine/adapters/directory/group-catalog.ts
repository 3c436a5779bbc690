import { z } from 'zod';
import type { Logger } from '../../logging/logger.ts';
import { quietLogger } from './quiet-logger.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { DirectoryGroup, GroupCatalogSource } from '../../ports/directory.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import { groupCatalogKey } from './directory-keys.ts';

/**
 * The group catalog: every group of a site's directory, published by the site to the store on a schedule
 * (directory.catalogRefreshMinutes) so the bot's "Lookup from AD" and the CLI answer prefix queries from
 * the store, without a connection to AD, and without the site's directory secrets.
 */

const catalogGroup = z.object({
  dn: z.string(),
  name: z.string(),
  mail: z.string().optional(),
  kind: z.enum(['security', 'distribution', 'microsoft-365']),
  memberCount: z.number().int().nonnegative().optional(),
  accountName: z.string().optional(),
});

/** Read back with a schema: the store is shared by processes of different versions. */
export const groupCatalogSchema = z.object({
  site: z.string(),
  publishedAt: z.string(),
  /** How long reading the directory took, for the admin wondering why a publish is slow. */
  elapsedMs: z.number().nonnegative(),
  groups: z.array(catalogGroup),
});

export type GroupCatalog = z.infer<typeof groupCatalogSchema>;

export interface PublishGroupCatalogOptions {
  readonly site: string;
  readonly directory: GroupCatalogSource;
  readonly store: KvStore;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export interface PublishedCatalog {
  readonly groups: number;
  readonly publishedAt: string;
  readonly elapsedMs: number;
}

/**
 * Reads every group from the site's directory and replaces the site's catalog in the store. Called by the
 * site runtime on its schedule; a failure leaves the previous catalog in place and is thrown to the caller.
 */
export async function publishGroupCatalog(options: PublishGroupCatalogOptions): Promise<PublishedCatalog> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? quietLogger();
  const started = performance.now();
  const groups = (await options.directory.listGroups())
    .map(plain)
    .sort((a, b) => a.name.localeCompare(b.name));
  const elapsedMs = Math.round(performance.now() - started);
  const catalog: GroupCatalog = {
    site: options.site,
    publishedAt: clock.now().toISOString(),
    elapsedMs,
    groups,
  };
  await options.store.set(groupCatalogKey(options.site), catalog);
  logger.info({ site: options.site, groups: groups.length, elapsedMs }, 'directory: group catalog published');
  return { groups: groups.length, publishedAt: catalog.publishedAt, elapsedMs };
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
