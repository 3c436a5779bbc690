import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { openStore } from '../../engine/adapters/store/open-store.ts';
import type { KvStore } from '../../engine/ports/kv-store.ts';
import { tempDir } from './temp-dir.ts';

export interface StoreBackend {
  readonly name: string;
  /** A new connection; two calls with the same namespace see the same data. */
  open(namespace: string): Promise<KvStore>;
}

/**
 * The two real store backends, for suites that must hold on both: a SQLite file in a temporary folder
 * and the PostgreSQL server the global setup started on loopback. Call at a test file's top level.
 */
export function storeBackends(): StoreBackend[] {
  const dataDir = tempDir();
  const url = inject('pgUrl');
  return [
    { name: 'SQLite (a real file)', open: (namespace) => openStore({ dataDir, namespace }) },
    {
      name: 'PostgreSQL (a real server on loopback)',
      open: (namespace) => openStore({ dataDir: '/nonexistent', url, namespace }),
    },
  ];
}

/** A namespace no other test uses. */
export const freshNamespace = (prefix = 't') => `${prefix}${randomUUID().slice(0, 8)}`;
