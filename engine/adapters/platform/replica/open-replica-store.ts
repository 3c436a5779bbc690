import type { StoreOptions } from '../../store/open-store.ts';
import type { ReplicaStore } from '../../../ports/replica-store.ts';
import { openPostgresConnection } from './postgres-connection.ts';
import { ensureSchema } from './schema.ts';
import type { SqlConnection } from './sql-connection.ts';
import { openSqliteConnection } from './sqlite-connection.ts';
import { SqlReplicaStore } from './sql-replica-store.ts';

const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/**
 * The platform replica in the database the store uses, chosen by the same rule as openStore: a
 * postgres:// URL selects PostgreSQL, otherwise the SQLite file exsync.sqlite in the data dir. Opening
 * is one version read once the tables exist (a worker opens it for every run).
 */
export async function openReplicaStore(options: StoreOptions): Promise<ReplicaStore> {
  const namespace = options.namespace ?? 'exsync';
  let connection: SqlConnection;
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    connection = await openPostgresConnection(options.url).catch((error: unknown) => {
      throw new Error(
        `cannot reach the PostgreSQL store at ${redact(options.url ?? '')}: ${(error as Error).message}`,
        { cause: error },
      );
    });
  } else if (options.url) {
    throw new Error(`EXSYNC_STORE_URL must be a postgres:// URL (got "${redact(options.url)}")`);
  } else
    connection = await openSqliteConnection(
      options.dataDir,
      options.sqliteBusyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS,
    );
  try {
    await ensureSchema(connection);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  return new SqlReplicaStore(connection, namespace);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
