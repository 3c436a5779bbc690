import pg from 'pg';
import type { BlobStore, StoredBlob } from '../../../ports/blob-store.ts';
import { BlobCorruptedError, intactOrThrow } from './blob-corrupted-error.ts';
import { assertBlobName, blobNameOf } from './blob-name.ts';
import { BLOB_TABLE, createBlobTable } from './postgres-blob-schema.ts';

/**
 * Blobs as rows of one PostgreSQL table, so every host of a shared store reads the same blobs. Each
 * row carries the store's namespace (tests share one database by namespace).
 *
 * `put` first asks the server for the SHA-256 of a row already stored (PostgreSQL's sha256() over
 * the stored bytes), so a blob that is there is not sent again; otherwise it inserts with
 * `ON CONFLICT DO NOTHING` (of two concurrent puts exactly one inserts; the other waits for its
 * commit and finds the row) and checks the committed row's hash the same way before returning.
 * `get` hashes what it received. Opening is free: the pool connects and the table is created on first use.
 */
export class PostgresBlobStore implements BlobStore {
  readonly location: string;
  private readonly pool: pg.Pool;
  private schema: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly namespace: string,
  ) {
    this.location = `${withoutPassword(url)} (table ${BLOB_TABLE}, namespace "${namespace}")`;
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle client dropped by a server restart emits 'error' on the pool; without a listener Node
    // would end the process. pg discards that client and the next query connects again.
    this.pool.on('error', () => undefined);
    // A name is returned only for a durable blob: commit waits for the WAL flush on these connections
    // even where the server's default says otherwise (storage management deletes mail on the strength
    // of it). The SET is queued ahead of the client's first query; any role may set it.
    this.pool.on('connect', (client) => {
      client.query('SET synchronous_commit TO on').catch(() => undefined);
    });
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = blobNameOf(bytes);
    const size = bytes.byteLength;
    await this.ready();
    const before = await this.storedDigest(sha256);
    if (before?.sha256 === sha256) return { sha256, size, created: false };
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let created: boolean;
    if (before) {
      // The row is there but its bytes are not these any more: put the good bytes back.
      await this.pool.query(
        `UPDATE ${BLOB_TABLE} SET bytes = $3, size = $4 WHERE namespace = $1 AND sha256 = $2`,
        [this.namespace, sha256, buffer, size],
      );
      created = true;
    } else {
      const inserted = await this.pool.query(
        `INSERT INTO ${BLOB_TABLE} (namespace, sha256, size, bytes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (namespace, sha256) DO NOTHING`,
        [this.namespace, sha256, size, buffer],
      );
      created = inserted.rowCount === 1;
    }
    const after = await this.storedDigest(sha256);
    if (!after) throw new Error(`blob ${sha256} was gone from ${this.location} right after it was stored`);
    if (after.sha256 !== sha256) throw new BlobCorruptedError(sha256, this.location, after, 'written');
    return { sha256, size, created };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    assertBlobName(sha256);
    await this.ready();
    const result = await this.pool.query<{ bytes: Buffer }>(
      `SELECT bytes FROM ${BLOB_TABLE} WHERE namespace = $1 AND sha256 = $2`,
      [this.namespace, sha256],
    );
    const bytes = result.rows[0]?.bytes;
    return bytes && intactOrThrow(sha256, bytes, this.location, 'read');
  }

  /** Whether a row by that name exists; it does not read the bytes (`get` checks them). */
  async has(sha256: string): Promise<boolean> {
    assertBlobName(sha256);
    await this.ready();
    const result = await this.pool.query(`SELECT 1 FROM ${BLOB_TABLE} WHERE namespace = $1 AND sha256 = $2`, [
      this.namespace,
      sha256,
    ]);
    return result.rowCount === 1;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Creates the table once per store; a failure (server down) is retried by the next call. */
  private ready(): Promise<void> {
    this.schema ??= createBlobTable(this.pool).catch((error: unknown) => {
      this.schema = undefined;
      throw new Error(
        `cannot open the PostgreSQL blob store at ${this.location}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    });
    return this.schema;
  }

  /** The SHA-256 and size of the bytes the server holds under that name, computed by the server. */
  private async storedDigest(sha256: string): Promise<{ sha256: string; size: number } | undefined> {
    const result = await this.pool.query<{ digest: string; size: number }>(
      `SELECT encode(sha256(bytes), 'hex') AS digest, octet_length(bytes) AS size
       FROM ${BLOB_TABLE} WHERE namespace = $1 AND sha256 = $2`,
      [this.namespace, sha256],
    );
    const row = result.rows[0];
    return row && { sha256: row.digest, size: row.size };
  }
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1@');
}
