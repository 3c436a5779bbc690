import type { SiteCommand } from '../domain/site-runtime-info.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { commandPrefix } from '../store/keys.ts';

/**
 * Commands for a site (run now, cancel), appended by the control plane under unique keys and
 * consumed here: a command is handled once, by whichever poll deletes it first.
 */
export async function takeCommands(store: KvStore, site: string): Promise<SiteCommand[]> {
  const taken: SiteCommand[] = [];
  for (const entry of await store.list<SiteCommand>(commandPrefix(site))) {
    if (await store.deleteIf(entry.key, entry.revision)) taken.push(entry.value);
  }
  return taken;
}
