import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { IN_SQLITE_BUSY_WAIT_MS, retryWhileBusy } from '../../store/sqlite-busy.ts';
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
  // A short wait inside SQLite, then waits in JavaScript (see sqlite-busy.ts): six connections on one
  // file deadlocked every time with SQLite's own long busy wait.
  db.configure('busyTimeout', IN_SQLITE_BUSY_WAIT_MS);
  const raw = rawExecutor(db);
  // Same file settings as the keyv store (open-store.ts): WAL, NORMAL sync at checkpoints.
  const patiently = <T>(work: () => Promise<T>) => retryWhileBusy(work, busyTimeoutMs);
  await patiently(() => raw.all('PRAGMA journal_mode = WAL'));
  await raw.run('PRAGMA synchronous = NORMAL');

  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work);
    turn = result.catch(() => undefined);
    return result;
  };
  return {
    dialect: 'sqlite',
    // A statement refused with SQLITE_BUSY did nothing, so trying it again is safe.
    all: (sql, params) => inTurn(() => patiently(() => raw.all(sql, params))),
    run: (sql, params) => inTurn(() => patiently(() => raw.run(sql, params))),
    transaction: (work) =>
      inTurn(async () => {
        // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read.
        await patiently(() => raw.run('BEGIN IMMEDIATE'));
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
