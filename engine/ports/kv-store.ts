/**
 * The shared store: the only channel between exsync processes (DESIGN §3). Values are JSON. Keyv gives
 * us no transactions, so correctness across processes rests on "one writer per key" plus three atomic
 * conditional writes that every backend implements natively: create-if-absent, replace-if-unchanged and
 * delete-if-unchanged. `revision` is an opaque token of the stored value, valid until the next write.
 *
 * Deliberately not in the contract: TTLs, multi-key transactions, watches (sites poll a version key).
 * Prefix reads are key-range scans (`key >= prefix AND key < successor`), so they use the key index;
 * LIKE would not (it is case-insensitive on SQLite and collation-bound on PostgreSQL).
 */
export interface StoredValue<T> {
  readonly key: string;
  readonly value: T;
  readonly revision: string;
}

/** How to walk a prefix: in pages, from either end. Every backend answers these from the key index. */
export interface ListOptions {
  /** Only keys after this one in listing order (below it when `reverse`): resume where a page ended. */
  readonly after?: string;
  /** At most this many entries. */
  readonly limit?: number;
  /** Highest keys first (newest first for time-ordered keys). */
  readonly reverse?: boolean;
}

export interface KvStore {
  /** Where the data lives, for messages ("sqlite:///srv/exsync/data/exsync.sqlite"); never includes a password. */
  readonly location: string;
  get<T>(key: string): Promise<StoredValue<T> | undefined>;
  /** The entries whose key starts with `prefix`, in key order (code-point order on every backend). */
  list<T>(prefix: string, options?: ListOptions): Promise<StoredValue<T>[]>;
  /** How many keys start with `prefix`, counted in the key index without reading values. */
  count(prefix: string): Promise<number>;
  /** Unconditional write, for keys that have a single writer. */
  set(key: string, value: unknown): Promise<void>;
  /** Writes only if the key does not exist; false when it does. */
  createIfAbsent(key: string, value: unknown): Promise<boolean>;
  /** Writes only if the stored value still has `revision`; false when it changed or vanished. */
  replaceIf(key: string, revision: string, value: unknown): Promise<boolean>;
  /** Deletes only if the stored value still has `revision`; false when it changed or vanished. */
  deleteIf(key: string, revision: string): Promise<boolean>;
  /** Unconditional delete; true when something was deleted. */
  delete(key: string): Promise<boolean>;
  close(): Promise<void>;
}
