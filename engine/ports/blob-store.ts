/**
 * Content-addressed storage for the bytes the platform keeps: calendar attachments now, archived MIME
 * once storage management exists. A blob is named by the SHA-256 of its bytes (lower-case hex), so the
 * same attachment stored by a thousand mailboxes is kept once, and a name always proves its content.
 *
 * Two adapters pass one contract suite (test/engine/platform/blob-store.contract.ts): files under the
 * data dir (the embedded default) and a PostgreSQL table (when the store is PostgreSQL, so every host
 * of a shared store reads the same blobs).
 */
export interface StoredBlob {
  /** SHA-256 of the bytes, 64 lower-case hex digits. */
  readonly sha256: string;
  readonly size: number;
  /** False when a blob with these bytes was already there (nothing was written). */
  readonly created: boolean;
}

export interface BlobStore {
  /** Where the blobs live, for messages ("file:///srv/exsync/data/blobs"); never a password. */
  readonly location: string;
  /**
   * Stores the bytes and returns their name only once they are durable and read back with the same
   * SHA-256 (a torn or corrupted write is an error, never a name). Idempotent.
   */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes, checked against their name on the way out; undefined when no such blob exists. */
  get(sha256: string): Promise<Uint8Array | undefined>;
  has(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Blob names are exactly this: anything else is refused before it reaches a file name or a query. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
