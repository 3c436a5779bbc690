import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Keyv } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvPostgres from '@keyv/postgres';
import { listenForIdleClientErrors } from './postgres-pool-errors.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import { KeyvStore, type SqlKeyvAdapter } from './keyv-store.ts';
import { postgresDialect, sqliteDialect } from './sql-dialect.ts';

export interface StoreOptions {
  /** Folder of the embedded SQLite store (EXSYNC_DATA_DIR). */
  dataDir: string;
  /** A `postgres://` URL (EXSYNC_STORE_URL) selects PostgreSQL instead of the embedded SQLite file. */
  url?: string | undefined;
  /** Key namespace, so tests can share one database without seeing each other. Default "exsync". */
  namespace?: string;
  /** How long a SQLite writer waits for another process's write lock before SQLITE_BUSY (default 15 s). */
  sqliteBusyTimeoutMs?: number;
}

const TABLE = 'keyv';
/** How long a SQLite writer waits for another process's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export async function openStore(options: StoreOptions): Promise<KvStore> {
  const namespace = options.namespace ?? 'exsync';
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options.url, namespace);
  if (options.url)
    throw new Error(`EXSYNC_STORE_URL must be a postgres:// URL (got "${redact(options.url)}")`);
  return openSqlite(options.dataDir, namespace, options.sqliteBusyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS);
}

async function openSqlite(dataDir: string, namespace: string, busyTimeout: number): Promise<KvStore> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, 'exsync.sqlite');
  const adapter = new KeyvSqlite({
    uri: `sqlite://${file}`,
    table: TABLE,
    busyTimeout,
  });
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  const sql = adapter as unknown as SqlKeyvAdapter;
  // WAL lets the dashboard and CLI read while a site writes; it is a property of the file, set once.
  await sql.query('PRAGMA journal_mode=WAL', []);
  // With WAL, NORMAL syncs at checkpoints rather than on every commit: no corruption and no loss on a
  // process crash (kill -9); only a power cut can lose the last commits. Per-connection setting.
  await sql.query('PRAGMA synchronous=NORMAL', []);
  return new KeyvStore(keyv, sql, sqliteDialect(TABLE), `sqlite://${file}`, namespace);
}

/**
 * @keyv/postgres keeps one pg.Pool per process and ends it on any disconnect, so stores opened in one
 * process share it and only the last close may end it.
 */
let postgresStoresOpen = 0;

async function openPostgres(url: string, namespace: string): Promise<KvStore> {
  listenForIdleClientErrors();
  const adapter = new KeyvPostgres({ uri: url, table: TABLE, schema: 'public' });
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  const sql = adapter as unknown as SqlKeyvAdapter;
  postgresStoresOpen++;
  let closed = false;
  const release = async () => {
    if (closed) return;
    closed = true;
    if (--postgresStoresOpen === 0) await keyv.disconnect();
  };
  const dialect = postgresDialect('public', TABLE);
  try {
    await sql.query('SELECT 1', []);
    for (const statement of dialect.indexes) await sql.query(statement, []);
  } catch (error) {
    await release();
    throw new Error(`cannot reach the PostgreSQL store at ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return new KeyvStore(keyv, sql, dialect, redact(url), namespace, release);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
