import { openBlobStore } from '../adapters/platform/blobs/open-blob-store.ts';
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
 * The replica's tables live in the store's own database (SQLite file or PostgreSQL), and so do the
 * blobs on PostgreSQL (files under the data dir otherwise); opening both is one version read once
 * they exist, cheap enough for a worker to do for every run.
 */
export async function openPlatform(options: StoreOptions): Promise<Platform> {
  const replica = await openReplicaStore(options);
  const blobs = await openBlobStore(options).catch(async (error: unknown) => {
    await replica.close();
    throw error;
  });
  return {
    replica,
    blobs,
    close: async () => {
      await Promise.allSettled([replica.close(), blobs.close()]);
    },
  };
}
