import type { ListOptions } from '../../ports/kv-store.ts';

/**
 * The SQL statements the store needs beyond keyv's own API, for the two keyv backends we ship. Both
 * run them against the table keyv itself created (key VARCHAR PRIMARY KEY, value TEXT), through the
 * adapter's own `query`, so keyv stays the owner of schema, connection and serialisation.
 *
 * Prefix reads are key ranges, never LIKE: SQLite's LIKE is case-insensitive and cannot use the
 * primary-key index, and PostgreSQL uses an index for LIKE only under the C collation. Ranges compare
 * in code-point order: SQLite's BINARY collation on UTF-8 is that order, and on PostgreSQL every key
 * comparison is made `COLLATE "C"`, backed by an index in that collation (see `indexes`).
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  readonly selectOne: string;
  readonly insertIfAbsent: string;
  readonly replaceIf: string;
  readonly deleteIf: string;
  /** Statements run once when the store opens (idempotent). */
  readonly indexes: readonly string[];
  /** A range read of one prefix, with its parameters. */
  selectRange(prefix: string, options?: ListOptions): { sql: string; params: unknown[] };
  countRange(prefix: string): { sql: string; params: unknown[] };
}

function dialect(
  name: SqlDialect['name'],
  table: string,
  p: (n: number) => string,
  key: string,
  indexes: readonly string[],
): SqlDialect {
  const range = (prefix: string, options: ListOptions = {}) => {
    const params: unknown[] = [prefix, successor(prefix)];
    let where = `${key} >= ${p(1)} AND ${key} < ${p(2)}`;
    if (options.after !== undefined) {
      params.push(options.after);
      where += ` AND ${key} ${options.reverse ? '<' : '>'} ${p(params.length)}`;
    }
    return { where, params };
  };
  return {
    name,
    selectOne: `SELECT key, value FROM ${table} WHERE key = ${p(1)}`,
    insertIfAbsent: `INSERT INTO ${table} (key, value) VALUES (${p(1)}, ${p(2)}) ON CONFLICT (key) DO NOTHING RETURNING key`,
    replaceIf: `UPDATE ${table} SET value = ${p(3)} WHERE key = ${p(1)} AND value = ${p(2)} RETURNING key`,
    deleteIf: `DELETE FROM ${table} WHERE key = ${p(1)} AND value = ${p(2)} RETURNING key`,
    indexes,
    selectRange(prefix, options = {}) {
      const { where, params } = range(prefix, options);
      let sql = `SELECT key, value FROM ${table} WHERE ${where} ORDER BY ${key} ${options.reverse ? 'DESC' : 'ASC'}`;
      if (options.limit !== undefined) {
        params.push(Math.max(0, Math.floor(options.limit)));
        sql += ` LIMIT ${p(params.length)}`;
      }
      return { sql, params };
    },
    countRange(prefix) {
      const { where, params } = range(prefix);
      return { sql: `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params };
    },
  };
}

export const sqliteDialect = (table: string) => dialect('sqlite', table, (n) => `?${n}`, 'key', []);

export const postgresDialect = (schema: string, table: string) =>
  dialect('postgres', `${schema}.${table}`, (n) => `$${n}`, 'key COLLATE "C"', [
    `CREATE INDEX IF NOT EXISTS ${table}_key_c ON ${schema}.${table} (key COLLATE "C")`,
  ]);

/**
 * The smallest string greater than every string that starts with `prefix`: the prefix with its last
 * code point raised by one.
 */
export function successor(prefix: string): string {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      // Skip the surrogate range: it is not a code point and UTF-8 cannot hold it.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  throw new Error('a key prefix made only of U+10FFFF has no successor');
}
