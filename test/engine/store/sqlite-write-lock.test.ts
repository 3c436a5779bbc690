import path from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** A raw statement on the given connection, as a promise. */
function run(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
}

describe('SQLite store waiting for the write lock', () => {
  it('keeps libuv pool threads free while it waits, so the transaction holding the lock can finish', async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir });
    // Another connection of this process (as the replica's is) takes the write lock.
    const holder = new sqlite3.Database(path.join(dataDir, 'exsync.sqlite'));
    await run(holder, 'BEGIN IMMEDIATE');
    await run(holder, 'CREATE TABLE IF NOT EXISTS other (x)');
    // More writers than libuv has pool threads (4) wait for the lock.
    const writes = Array.from({ length: 8 }, (_, i) => store.set(`k${i}`, { i }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The holder needs a pool thread for each of its statements. With SQLite's own 15 s busy wait
    // the eight waiters held all four, and this stalled until they timed out.
    const started = Date.now();
    await run(holder, 'INSERT INTO other VALUES (1)');
    await run(holder, 'COMMIT');
    expect(Date.now() - started).toBeLessThan(2_000);
    await Promise.all(writes);
    expect((await store.list('k')).length).toBe(8);
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    await store.close();
  });
});
