import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { SqlConnection, SqlExecutor, SqlRow } from './sql-connection.ts';

/**
 * The replica's own connection to the SQLite file keyv uses (exsync.sqlite in the data dir). keyv
 * offers no transactions, so the replica opens the file itself. One connection runs one statement
 * stream: every call waits its turn, so a transaction never interleaves with another call of this
 * process; other processes wait on the file's write lock (busy_timeout), as the keyv store does.
 */
export async function openSqliteConnection(dataDir: string, busyTimeoutMs: number): Promise<SqlConnection> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, 'exsync.sqlite');
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, (error) =>
      error ? reject(error) : resolve(opened),
    );
  });
  const raw = rawExecutor(db);
  await raw.run(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  // Same file settings as the keyv store (open-store.ts): WAL, NORMAL sync at checkpoints.
  await raw.all('PRAGMA journal_mode = WAL');
  await raw.run('PRAGMA synchronous = NORMAL');

  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work);
    turn = result.catch(() => undefined);
    return result;
  };
  return {
    dialect: 'sqlite',
    all: (sql, params) => inTurn(() => raw.all(sql, params)),
    run: (sql, params) => inTurn(() => raw.run(sql, params)),
    transaction: (work) =>
      inTurn(async () => {
        // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read.
        await raw.run('BEGIN IMMEDIATE');
        try {
          const result = await work(raw);
          await raw.run('COMMIT');
          return result;
        } catch (error) {
          await raw.run('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () =>
      inTurn(() => new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())))),
  };
}

function rawExecutor(db: sqlite3.Database): SqlExecutor {
  return {
    all: <T extends SqlRow>(sql: string, params: readonly unknown[] = []) =>
      new Promise<T[]>((resolve, reject) =>
        db.all(sql, params as unknown[], (error: Error | null, rows: T[]) =>
          error ? reject(error) : resolve(rows),
        ),
      ),
    run: (sql: string, params: readonly unknown[] = []) =>
      new Promise<number>((resolve, reject) =>
        db.run(sql, params as unknown[], function (this: sqlite3.RunResult, error: Error | null) {
          if (error) reject(error);
          else resolve(this.changes);
        }),
      ),
  };
}
