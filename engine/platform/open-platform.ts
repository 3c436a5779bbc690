import { openReplicaStore } from '../adapters/platform/replica/open-replica-store.ts';
import type { StoreOptions } from '../adapters/store/open-store.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { ReplicaStore } from '../ports/replica-store.ts';

/** The embedded platform's tables and blobs, next to the store they belong to. */
export interface Platform {
  readonly replica: ReplicaStore;
  readonly blobs: BlobStore;
  close(): Promise<void>;
}

/**
 * The replica's tables live in the store's own database (SQLite file or PostgreSQL); opening them
 * is one version read once they exist, cheap enough for a worker to do for every run.
 * Interim (issue 9 in progress): the blob store lands next; until then any use of it rejects.
 */
export async function openPlatform(options: StoreOptions): Promise<Platform> {
  const replica = await openReplicaStore(options);
  return {
    replica,
    blobs: unavailable<BlobStore>('blob store'),
    close: () => replica.close(),
  };
}

function unavailable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_target, property) =>
      property === 'close'
        ? () => Promise.resolve()
        : () => Promise.reject(new Error(`the platform ${what} is not available yet`)),
  });
}
