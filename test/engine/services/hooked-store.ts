import type { KvStore, StoredValue } from '../../../engine/index.ts';
import type { ListOptions } from '../../../engine/ports/kv-store.ts';

export type StoreOperation =
  'get' | 'list' | 'count' | 'set' | 'createIfAbsent' | 'replaceIf' | 'deleteIf' | 'delete';

interface Hook {
  readonly operation: StoreOperation;
  readonly key: string;
  readonly run: () => Promise<void>;
}

/**
 * A real store with a way in between two steps of a service: `after(op, key, hook)` runs `hook` once,
 * right after the next `op` on `key` (for `list`, the prefix) and before the caller sees the result.
 * That makes a race between two admins deterministic: the hook is the other admin acting at exactly
 * that moment, through the same services on the same store.
 */
export class HookedStore implements KvStore {
  private hooks: Hook[] = [];

  constructor(private readonly inner: KvStore) {}

  get location(): string {
    return this.inner.location;
  }

  after(operation: StoreOperation, key: string, run: () => Promise<void>): void {
    this.hooks.push({ operation, key, run });
  }

  /** Hooks that never fired (a test checks this is empty, so a renamed key cannot make it pass vacuously). */
  get pending(): readonly Hook[] {
    return this.hooks;
  }

  private async fire<T>(operation: StoreOperation, key: string, result: T): Promise<T> {
    const hook = this.hooks.find((h) => h.operation === operation && h.key === key);
    if (hook) {
      this.hooks = this.hooks.filter((h) => h !== hook);
      await hook.run();
    }
    return result;
  }

  async get<T>(key: string): Promise<StoredValue<T> | undefined> {
    return this.fire('get', key, await this.inner.get<T>(key));
  }
  async list<T>(prefix: string, options?: ListOptions): Promise<StoredValue<T>[]> {
    return this.fire('list', prefix, await this.inner.list<T>(prefix, options));
  }
  async count(prefix: string): Promise<number> {
    return this.fire('count', prefix, await this.inner.count(prefix));
  }
  async set(key: string, value: unknown): Promise<void> {
    await this.inner.set(key, value);
    await this.fire('set', key, undefined);
  }
  async createIfAbsent(key: string, value: unknown): Promise<boolean> {
    return this.fire('createIfAbsent', key, await this.inner.createIfAbsent(key, value));
  }
  async replaceIf(key: string, revision: string, value: unknown): Promise<boolean> {
    return this.fire('replaceIf', key, await this.inner.replaceIf(key, revision, value));
  }
  async deleteIf(key: string, revision: string): Promise<boolean> {
    return this.fire('deleteIf', key, await this.inner.deleteIf(key, revision));
  }
  async delete(key: string): Promise<boolean> {
    return this.fire('delete', key, await this.inner.delete(key));
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
