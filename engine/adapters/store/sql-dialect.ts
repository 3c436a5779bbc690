/**
 * The few SQL statements the conditional writes need, for the two keyv backends we ship. Both run
 * them against the table keyv itself created (key VARCHAR PRIMARY KEY, value TEXT), through the
 * adapter's own `query`, so keyv stays the owner of schema, connection and serialisation.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  selectOne: string;
  selectPrefix: string;
  insertIfAbsent: string;
  replaceIf: string;
  deleteIf: string;
}

function statements(table: string, p: (n: number) => string, name: SqlDialect['name']): SqlDialect {
  return {
    name,
    selectOne: `SELECT key, value FROM ${table} WHERE key = ${p(1)}`,
    selectPrefix: `SELECT key, value FROM ${table} WHERE key LIKE ${p(1)} ESCAPE '\\' ORDER BY key`,
    insertIfAbsent: `INSERT INTO ${table} (key, value) VALUES (${p(1)}, ${p(2)}) ON CONFLICT (key) DO NOTHING RETURNING key`,
    replaceIf: `UPDATE ${table} SET value = ${p(3)} WHERE key = ${p(1)} AND value = ${p(2)} RETURNING key`,
    deleteIf: `DELETE FROM ${table} WHERE key = ${p(1)} AND value = ${p(2)} RETURNING key`,
  };
}

export const sqliteDialect = (table: string) => statements(table, (n) => `?${n}`, 'sqlite');
export const postgresDialect = (schema: string, table: string) =>
  statements(`${schema}.${table}`, (n) => `$${n}`, 'postgres');

/** Escapes LIKE wildcards so a key prefix matches literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
