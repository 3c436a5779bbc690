import { setTimeout as sleep } from 'node:timers/promises';

export interface StoreRetryOptions {
  /** Attempts in all (the first included); Infinity for writes that must land, such as a run's end. */
  readonly attempts: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly signal?: AbortSignal;
  /** Told about each failed attempt that will be retried. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

export const STORE_RETRY: StoreRetryOptions = { attempts: 5, firstDelayMs: 100, maxDelayMs: 5_000 };

/**
 * Runs a store operation again after a failure, with exponential back-off: a busy SQLite file
 * (SQLITE_BUSY past the busy timeout) or a PostgreSQL server restarting are outages of seconds, and the
 * site's own writes (run records, statuses, lock releases) are idempotent.
 */
export async function withStoreRetry<T>(
  operation: () => Promise<T>,
  options: StoreRetryOptions = STORE_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= options.attempts || options.signal?.aborted) throw error;
      const delay = Math.min(options.firstDelayMs * 2 ** (attempt - 1), options.maxDelayMs);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : {});
    }
  }
}

/** For writes that must land (a run's end): retried until they do, or until the site stops. */
export function untilItLands(
  signal: AbortSignal,
  onFirstFailure: (error: unknown) => void,
): StoreRetryOptions {
  return {
    attempts: Infinity,
    firstDelayMs: 100,
    maxDelayMs: 5_000,
    signal,
    onRetry: (error, attempt) => attempt === 1 && onFirstFailure(error),
  };
}
