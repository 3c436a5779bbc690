import type { KvStore, ListOptions, StoredValue } from '../../engine/ports/kv-store.ts';

type Operation = 'get' | 'list' | 'count' | 'set' | 'createIfAbsent' | 'replaceIf' | 'deleteIf' | 'delete';

interface Fault {
  readonly operation: Operation | '*';
  readonly key: RegExp;
  remaining: number;
  readonly error: () => Error;
}

/**
 * A real store with faults on demand, for the paths that only run when the store fails: the next N
 * calls of an operation on matching keys reject (as SQLITE_BUSY or a dropped PostgreSQL connection
 * would), everything else goes through to the real store.
 */
export class FaultyStore implements KvStore {
  private readonly faults: Fault[] = [];
  /** Calls that failed on purpose, as "operation key". */
  readonly injected: string[] = [];

  constructor(private readonly inner: KvStore) {}

  get location(): string {
    return this.inner.location;
  }

  /** The next `times` calls of `operation` on a key matching `key` fail with a SQLITE_BUSY-like error. */
  failNext(operation: Operation | '*', key: RegExp, times = 1): this {
    this.faults.push({
      operation,
      key,
      remaining: times,
      error: () => Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }),
    });
    return this;
  }

  /** No more faults: the store is back. */
  heal(): this {
    this.faults.length = 0;
    return this;
  }

  get<T>(key: string): Promise<StoredValue<T> | undefined> {
    return this.run('get', key, () => this.inner.get<T>(key));
  }
  list<T>(prefix: string, options?: ListOptions): Promise<StoredValue<T>[]> {
    return this.run('list', prefix, () => this.inner.list<T>(prefix, options));
  }
  count(prefix: string): Promise<number> {
    return this.run('count', prefix, () => this.inner.count(prefix));
  }
  set(key: string, value: unknown): Promise<void> {
    return this.run('set', key, () => this.inner.set(key, value));
  }
  createIfAbsent(key: string, value: unknown): Promise<boolean> {
    return this.run('createIfAbsent', key, () => this.inner.createIfAbsent(key, value));
  }
  replaceIf(key: string, revision: string, value: unknown): Promise<boolean> {
    return this.run('replaceIf', key, () => this.inner.replaceIf(key, revision, value));
  }
  deleteIf(key: string, revision: string): Promise<boolean> {
    return this.run('deleteIf', key, () => this.inner.deleteIf(key, revision));
  }
  delete(key: string): Promise<boolean> {
    return this.run('delete', key, () => this.inner.delete(key));
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private run<T>(operation: Operation, key: string, call: () => Promise<T>): Promise<T> {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (f.operation === '*' || f.operation === operation) && f.key.test(key),
    );
    if (!fault) return call();
    fault.remaining--;
    this.injected.push(`${operation} ${key}`);
    return Promise.reject(fault.error());
  }
}
