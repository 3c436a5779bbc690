import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openBlobStore } from '../../../engine/adapters/platform/blobs/open-blob-store.ts';
import { describeBlobStoreContract } from './blob-store.contract.ts';
import { pollUntil } from './blob-store.put-processes.ts';

const url = inject('pgUrl');
const admin = new pg.Pool({ connectionString: url, max: 1 });
afterAll(() => admin.end());

describeBlobStoreContract({
  name: 'PostgreSQL (a real server on loopback)',
  options: (space) => ({ dataDir: '/nonexistent', url, namespace: space }),
  async corrupt(space, sha256) {
    const changed = await admin.query(
      `UPDATE platform_blobs SET bytes = overlay(bytes PLACING '\\xff'::bytea FROM 5000 FOR 1)
       WHERE namespace = $1 AND sha256 = $2`,
      [space, sha256],
    );
    expect(changed.rowCount).toBe(1);
  },
  async writing() {
    // The INSERT of the bytes is running on the server (the name is a parameter, so not visible here).
    await pollUntil(async () => {
      const active = await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO platform_blobs%'`,
      );
      return active.rowCount! > 0;
    }, 'the INSERT of the blob');
  },
});

describe('PostgreSQL blob store', () => {
  it('keeps namespaces apart: a blob put in one is not in another', async () => {
    const [a, b] = await Promise.all(
      ['nsA', 'nsB'].map((n) => openBlobStore({ dataDir: '/x', url, namespace: `${n}${randomUUID()}` })),
    );
    const bytes = randomBytes(100);
    const stored = await a!.put(bytes);
    expect(await b!.has(stored.sha256)).toBe(false);
    expect(await b!.get(stored.sha256)).toBeUndefined();
    expect((await b!.put(bytes)).created).toBe(true);
    await Promise.all([a!.close(), b!.close()]);
  });

  it('creates its table once when several stores (own connections) first use it at the same moment', async () => {
    // A schema of its own, so the table really is created here, by whichever store gets there first.
    const schema = `blobrace_${randomUUID().slice(0, 8)}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const inSchema = `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => openBlobStore({ dataDir: '/x', url: inSchema, namespace: 'race' })),
    );
    const bytes = randomBytes(64);
    const results = await Promise.all(stores.map((s) => s.put(bytes)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const tables = await admin.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [
      schema,
    ]);
    expect(tables.rows).toEqual([{ n: 1 }]);
    await Promise.all(stores.map((s) => s.close()));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  });

  it('names its place without the password, and opening connects to nothing', async () => {
    // Nothing listens on port 1: opening must still succeed, and only a use reaches the server.
    const store = await openBlobStore({ dataDir: '/x', url: 'postgres://exsync:s3cret@127.0.0.1:1/db' });
    expect(store.location).toBe(
      'postgres://exsync@127.0.0.1:1/db (table platform_blobs, namespace "exsync")',
    );
    await expect(store.has('0'.repeat(64))).rejects.toThrow(
      /^cannot open the PostgreSQL blob store at postgres:\/\/exsync@127\.0\.0\.1:1\/db .*ECONNREFUSED/,
    );
    await store.close();
  });

  it('commits durably even on a server whose default is synchronous_commit off (as the test server is)', async () => {
    expect((await admin.query('SHOW synchronous_commit')).rows).toEqual([{ synchronous_commit: 'off' }]);
    const store = await openBlobStore({ dataDir: '/x', url, namespace: 'durable' });
    await store.put(randomBytes(10));
    // The store's own connections (private; read here because no public call could show a setting).
    const { pool } = store as unknown as { pool: pg.Pool };
    expect((await pool.query('SHOW synchronous_commit')).rows).toEqual([{ synchronous_commit: 'on' }]);
    await store.close();
  });
});
