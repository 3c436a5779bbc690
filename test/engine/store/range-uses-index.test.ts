import path from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import { postgresDialect, sqliteDialect } from '../../../engine/adapters/store/sql-dialect.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/**
 * A prefix read must be an index range scan on both backends: the command inbox, locks and run
 * records are read every few seconds on a table that holds every submission and audit entry.
 */
describe('prefix reads use the key index', () => {
  it('on SQLite (EXPLAIN QUERY PLAN shows a search of the primary-key index, not a scan)', async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir });
    await store.set('runtime:x:lock:a', 1);
    await store.close();
    const db = new sqlite3.Database(path.join(dataDir, 'exsync.sqlite'));
    const { sql, params } = sqliteDialect('keyv').selectRange('exsync:runtime:x:', { limit: 5 });
    const plan = await new Promise<string>((resolve, reject) =>
      db.all(`EXPLAIN QUERY PLAN ${sql}`, params, (error, rows: { detail: string }[]) =>
        error ? reject(error) : resolve(rows.map((r) => r.detail).join('; ')),
      ),
    );
    db.close();
    expect(plan).toMatch(/SEARCH keyv USING INDEX sqlite_autoindex_keyv_1 \(key>\? AND key<\?\)/);
  });

  it('on PostgreSQL, whatever the database collation (an index scan on the C-collation key index)', async () => {
    const url = inject('pgUrl');
    const store = await openStore({ dataDir: '/nonexistent', url, namespace: 'plan' });
    await store.set('runtime:x:lock:a', 1);
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A tiny table is cheaper to scan; forbid that to see whether the index can serve the range at all.
      await client.query('SET enable_seqscan = off');
      const { sql, params } = postgresDialect('public', 'keyv').selectRange('plan:runtime:x:', { limit: 5 });
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/(Bitmap )?Index (Only )?Scan (using|on) keyv_key_c/);
    } finally {
      await client.end();
    }
  });
});
