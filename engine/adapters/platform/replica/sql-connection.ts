/** A row as the driver returns it: column name to value. */
export type SqlRow = Record<string, unknown>;

/** What the replica's statements need from a database: queries, and transactions that are real. */
export interface SqlExecutor {
  /** Rows of a statement written with `?` placeholders (both dialects). */
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlConnection extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of its statements commit, or none does. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?, ?, ?` for a list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * Splits a list so no statement carries more than `size` entries: SQLite caps the parameters of one
 * statement at 32,766 and PostgreSQL at 65,535, and very long statements parse slowly on both.
 */
export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
