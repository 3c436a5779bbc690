import type pg from 'pg';

export const BLOB_TABLE = 'platform_blobs';

/** Any fixed number: the advisory lock that serializes creating the blob table across processes. */
const SCHEMA_LOCK = 0x0b10b5;

/**
 * Creates the blob table if it is missing. `CREATE TABLE IF NOT EXISTS` alone is not safe when two
 * processes run it at once (the loser fails on the catalog's unique index), so it runs under a
 * transaction-scoped advisory lock: the second process waits, then finds the table there.
 * Sizes fit `integer`: a bytea value is at most 1 GB.
 */
export async function createBlobTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${BLOB_TABLE} (
        namespace text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size integer NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (namespace, sha256)
      )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
