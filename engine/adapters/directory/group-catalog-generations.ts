import { randomBytes } from 'node:crypto';
import type { DirectoryGroup } from '../../ports/directory.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import { throwIfCancelled } from './cancellation.ts';
import {
  TERM_END,
  groupCatalogGenerationPrefix,
  groupCatalogGenerationsRoot,
  groupCatalogGroupPrefix,
  groupCatalogTermPrefix,
  groupHash,
} from './directory-keys.ts';

/**
 * The keys of one catalog generation: written in full before the manifest names it, deleted only after
 * the manifest names another, so a reader that follows the manifest sees one whole catalog.
 */

/** Writes in flight at once: enough to hide the store's round trips, few enough for a shared PostgreSQL. */
const WRITES_IN_FLIGHT = 256;
/** Keys deleted per page when an old generation goes. */
const DELETE_PAGE = 500;

/** A fresh generation name: never reused (time, then random), so old keys can never join a new catalog. */
export function newGeneration(now: Date): string {
  return `${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** The lower-cased texts a lookup matches a group by (name, mail, account name), each once. */
export function lookupTerms(group: DirectoryGroup): string[] {
  const terms = [group.name, group.mail, group.accountName]
    .filter((t): t is string => t !== undefined && t.length > 0)
    .map((t) => t.toLowerCase());
  return [...new Set(terms)];
}

export async function writeGeneration(
  store: KvStore,
  site: string,
  generation: string,
  groups: readonly DirectoryGroup[],
  signal?: AbortSignal,
): Promise<void> {
  const groupPrefix = groupCatalogGroupPrefix(site, generation);
  const termPrefix = groupCatalogTermPrefix(site, generation);
  const writes: (() => Promise<void>)[] = [];
  for (const group of groups) {
    const hash = groupHash(group.dn);
    writes.push(() => store.set(`${groupPrefix}${hash}`, group));
    for (const term of lookupTerms(group))
      writes.push(() => store.set(`${termPrefix}${term}${TERM_END}${hash}`, group));
  }
  for (let i = 0; i < writes.length; i += WRITES_IN_FLIGHT) {
    throwIfCancelled(signal, `publishing the group catalog of site ${site}`);
    await Promise.all(writes.slice(i, i + WRITES_IN_FLIGHT).map((write) => write()));
  }
}

/**
 * Deletes every generation but `live`, a page at a time: the one the manifest named before, and any
 * left by a publish that failed before switching the manifest. Costs reads of the deleted keys only.
 * An aborted `signal` stops it between pages; what is left goes at the next publish.
 */
export async function deleteOtherGenerations(
  store: KvStore,
  site: string,
  live: string,
  signal?: AbortSignal,
): Promise<number> {
  const root = groupCatalogGenerationsRoot(site);
  let deleted = 0;
  let after: string | undefined;
  for (;;) {
    if (signal?.aborted) return deleted;
    const [first] = await store.list(root, { limit: 1, ...(after !== undefined ? { after } : {}) });
    if (!first) return deleted;
    const generation = first.key.slice(root.length, first.key.indexOf(':', root.length));
    const prefix = groupCatalogGenerationPrefix(site, generation);
    if (generation === live) {
      // Jump past the live generation's keys without reading them.
      after = `${prefix}\u{10FFFF}`;
      continue;
    }
    while (!signal?.aborted) {
      const page = await store.list(prefix, { limit: DELETE_PAGE });
      if (page.length === 0) break;
      await Promise.all(page.map((entry) => store.delete(entry.key)));
      deleted += page.length;
    }
  }
}
