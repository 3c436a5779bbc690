import { DirectoryCancelledError } from './directory-errors.ts';

/**
 * Honouring a caller's AbortSignal in the directory adapters. An LDAP search or a Graph request in flight
 * does not stop when a run is cancelled, so every wait races the signal: the caller gets
 * DirectoryCancelledError at once, and `onAbort` closes what was in flight (the LDAP connection), which is
 * how the server learns to stop.
 */
export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelled(what);
}

export function untilCancelled<T>(
  signal: AbortSignal | undefined,
  what: string,
  work: () => Promise<T>,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return work();
  throwIfCancelled(signal, what);
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(cancelled(what));
    };
    signal.addEventListener('abort', abort, { once: true });
    Promise.resolve()
      .then(work)
      .then(
        (value) => {
          signal.removeEventListener('abort', abort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', abort);
          // After an abort the work fails because its connection was closed: the cancel is the story.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as thrown
          reject(signal.aborted ? cancelled(what) : error);
        },
      );
  });
}

function cancelled(what: string): DirectoryCancelledError {
  return new DirectoryCancelledError(`${what} was cancelled`);
}
