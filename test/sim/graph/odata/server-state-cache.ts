import { randomBytes } from 'node:crypto';

/**
 * Server-side state behind some tokens, evicted least-recently-used. Outlook keeps delta state in "an
 * internal delta token cache" and drops the oldest tokens when it is full
 * (https://learn.microsoft.com/graph/delta-query-overview#token-duration); a token whose state was
 * evicted is expired. Calendar view rounds keep their snapshot here; directory member paging keeps
 * its flattened list.
 */
export class ServerStateCache {
  private readonly entries = new Map<string, unknown>();
  capacity: number;

  constructor(capacity = 5000) {
    this.capacity = capacity;
  }

  put(value: unknown): string {
    const key = randomBytes(12).toString('base64url');
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return key;
  }

  get<T>(key: string): T | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, value);
    return value as T;
  }

  /** Forgets everything, expiring every token that depends on server state. */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
