/**
 * How SQLite connections of exsync wait for another connection's write lock. node-sqlite3 runs each
 * statement on one of libuv's pool threads (four by default, shared by a process and its worker
 * threads), and a statement waiting out SQLite's own busy timeout keeps its thread the whole time. A
 * few such waiters can take every thread while the connection that holds the lock needs one to
 * finish its transaction: a deadlock until the timeouts expire. So the replica's connection lets
 * SQLite wait only briefly, and the rest of the wait happens here, in JavaScript, where it holds no
 * thread. (The keyv store still waits inside SQLite: moving it here lost writes in one CI run, not yet
 * understood; see the session notes.)
 */
export const IN_SQLITE_BUSY_WAIT_MS = 20;

export function isSqliteBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_BUSY' || (typeof message === 'string' && message.includes('SQLITE_BUSY'));
}

/**
 * Runs a statement again while another connection holds the write lock, until `timeoutMs` has passed.
 * A statement refused with SQLITE_BUSY did nothing, so trying it again is safe.
 */
export async function retryWhileBusy<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 * attempt)));
    }
  }
}
