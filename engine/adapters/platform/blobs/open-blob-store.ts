import type { StoreOptions } from '../../store/open-store.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { FileBlobStore } from './file-blob-store.ts';
import { PostgresBlobStore } from './postgres-blob-store.ts';

/**
 * The blob store next to the store: a PostgreSQL store keeps its blobs in a table of the same
 * database (every host reads them), the embedded store keeps them as files under its data dir.
 * Opening connects nothing and creates nothing (a worker opens it on every run); both happen on first use.
 */
export function openBlobStore(options: StoreOptions): Promise<BlobStore> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url))
    return Promise.resolve(new PostgresBlobStore(options.url, options.namespace ?? 'exsync'));
  if (options.url) return Promise.reject(new Error('EXSYNC_STORE_URL must be a postgres:// URL'));
  return Promise.resolve(new FileBlobStore(options.dataDir));
}
