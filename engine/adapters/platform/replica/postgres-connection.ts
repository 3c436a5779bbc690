import pg from 'pg';
import type { SqlConnection, SqlExecutor, SqlRow } from './sql-connection.ts';

/** The last error an idle pooled connection of a replica pool raised (diagnostics). */
let lastIdleError: Error | undefined;
export const lastReplicaPoolError = (): Error | undefined => lastIdleError;

/**
 * The replica's own pg.Pool (keyv's pool is private and has no transactions). A PostgreSQL restart
 * terminates idle pooled clients and the pool emits 'error'; without a listener Node would end the
 * process, so the pool keeps the error and lets pg drop the client (as postgres-pool-errors.ts does).
 */
export async function openPostgresConnection(url: string): Promise<SqlConnection> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', (error: Error) => {
    lastIdleError = error;
  });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    dialect: 'postgres',
    ...executor(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function executor(target: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    all: async <T extends SqlRow>(sql: string, params: readonly unknown[] = []) =>
      (await target.query(numbered(sql), params as unknown[])).rows as T[],
    run: async (sql: string, params: readonly unknown[] = []) =>
      (await target.query(numbered(sql), params as unknown[])).rowCount ?? 0,
  };
}

/** The replica writes `?` placeholders (SQLite's); PostgreSQL numbers them. No statement has a literal "?". */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
