import type { KvStore } from '../ports/kv-store.ts';
import { CONFIG_VERSION_KEY } from './keys.ts';

export interface ConfigVersion {
  readonly counter: number;
  readonly changedAt: string;
  readonly changedBy: string;
}

/**
 * A counter that grows with every config change. Sites poll it and reload when it moves (DESIGN §3:
 * config reaches a site within seconds). Several control-plane processes bump it, so it is a
 * compare-and-swap loop rather than a plain write.
 */
export async function bumpConfigVersion(
  store: KvStore,
  changedBy: string,
  changedAt: string,
): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const current = await store.get<ConfigVersion>(CONFIG_VERSION_KEY);
    const next: ConfigVersion = { counter: (current?.value.counter ?? 0) + 1, changedAt, changedBy };
    const written = current
      ? await store.replaceIf(CONFIG_VERSION_KEY, current.revision, next)
      : await store.createIfAbsent(CONFIG_VERSION_KEY, next);
    if (written) return next.counter;
  }
  throw new Error(
    'could not advance the config version after 50 attempts (the store is under heavy contention)',
  );
}

export async function readConfigVersion(store: KvStore): Promise<ConfigVersion | undefined> {
  return (await store.get<ConfigVersion>(CONFIG_VERSION_KEY))?.value;
}
