import { openBlobStore } from '../adapters/platform/blobs/open-blob-store.ts';
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
 * Interim (issue 9 in progress): the SQL replica and the blob stores land next; until then any use
 * rejects, and closing is free.
 */
export async function openPlatform(options: StoreOptions): Promise<Platform> {
  const blobs = await openBlobStore(options);
  const unavailable = <T extends object>(what: string): T =>
    new Proxy({} as T, {
      get: (_target, property) =>
        property === 'close'
          ? () => Promise.resolve()
          : () => Promise.reject(new Error(`the platform ${what} is not available yet`)),
    });
  return {
    replica: unavailable<ReplicaStore>('replica'),
    blobs,
    close: () => blobs.close(),
  };
}
