import pg from 'pg';

/**
 * @keyv/postgres creates its pg.Pool without an 'error' listener. When PostgreSQL restarts, every idle
 * pooled connection is terminated and the pool emits 'error'; with no listener Node treats that as an
 * unhandled error and the whole process (a site, the bot) exits. The pool is private to @keyv/postgres,
 * so pools are made with a listener instead: the broken client is dropped by pg itself and the next
 * query opens a new connection, which is all a restart needs.
 */
let installed = false;
let lastError: Error | undefined;

export function listenForIdleClientErrors(): void {
  if (installed) return;
  installed = true;
  const Base = pg.Pool;
  class PoolThatSurvivesRestarts extends Base {
    constructor(...args: ConstructorParameters<typeof Base>) {
      super(...args);
      this.on('error', (error: Error) => {
        lastError = error;
      });
    }
  }
  pg.Pool = PoolThatSurvivesRestarts;
}

/** The last error an idle pooled connection raised (for diagnostics and tests). */
export function lastIdleClientError(): Error | undefined {
  return lastError;
}
