import type { Keyv } from 'keyv';
import type { KvStore, ListOptions, StoredValue } from '../../ports/kv-store.ts';
import type { SqlDialect } from './sql-dialect.ts';

type Row = { key: string; value: string };

/** The slice of @keyv/sqlite and @keyv/postgres this adapter uses beyond the plain keyv API. */
export interface SqlKeyvAdapter {
  query(sql: string, params: unknown[]): Promise<Row[] | undefined>;
  disconnect(): Promise<void>;
}

/**
 * KvStore on keyv. Plain reads and writes go through keyv; the conditional writes compare the stored
 * (serialised) text in one SQL statement, which both SQLite and PostgreSQL execute atomically.
 */
export class KeyvStore implements KvStore {
  private readonly prefix: string;

  constructor(
    private readonly keyv: Keyv,
    private readonly adapter: SqlKeyvAdapter,
    private readonly sql: SqlDialect,
    readonly location: string,
    namespace: string,
    /** Releases the connection; backends that share one pool per process decide when to end it. */
    private readonly release: () => Promise<void> = () => keyv.disconnect(),
  ) {
    this.prefix = `${namespace}:`;
  }

  async get<T>(key: string): Promise<StoredValue<T> | undefined> {
    const rows = await this.query(this.sql.selectOne, [this.prefix + key]);
    const row = rows[0];
    return row ? this.decode<T>(row) : undefined;
  }

  async list<T>(prefix: string, options: ListOptions = {}): Promise<StoredValue<T>[]> {
    const after = options.after === undefined ? {} : { after: this.prefix + options.after };
    const { sql, params } = this.sql.selectRange(this.prefix + prefix, { ...options, ...after });
    const rows = await this.query(sql, params);
    return Promise.all(rows.map((row) => this.decode<T>(row)));
  }

  async count(prefix: string): Promise<number> {
    const { sql, params } = this.sql.countRange(this.prefix + prefix);
    const [row] = (await this.adapter.query(sql, params)) as unknown as { n: number | string }[];
    return Number(row?.n ?? 0);
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.keyv.set(key, value);
  }

  async createIfAbsent(key: string, value: unknown): Promise<boolean> {
    const rows = await this.query(this.sql.insertIfAbsent, [this.prefix + key, await this.encode(value)]);
    return rows.length === 1;
  }

  async replaceIf(key: string, revision: string, value: unknown): Promise<boolean> {
    const rows = await this.query(this.sql.replaceIf, [
      this.prefix + key,
      revision,
      await this.encode(value),
    ]);
    return rows.length === 1;
  }

  async deleteIf(key: string, revision: string): Promise<boolean> {
    const rows = await this.query(this.sql.deleteIf, [this.prefix + key, revision]);
    return rows.length === 1;
  }

  async delete(key: string): Promise<boolean> {
    return this.keyv.delete(key);
  }

  async close(): Promise<void> {
    await this.release();
  }

  private async query(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.adapter.query(sql, params)) ?? [];
  }

  private async encode(value: unknown): Promise<string> {
    const text = await this.keyv.serializeData({ value, expires: undefined });
    if (typeof text !== 'string') throw new Error('keyv serialiser did not produce text');
    return text;
  }

  private async decode<T>(row: Row): Promise<StoredValue<T>> {
    const data = (await this.keyv.deserializeData(row.value)) as { value: T } | undefined;
    if (!data) throw new Error(`store entry ${row.key} could not be read`);
    return { key: row.key.slice(this.prefix.length), value: data.value, revision: row.value };
  }
}
