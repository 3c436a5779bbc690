import { cancelledError } from './exchange-errors.ts';

/**
 * Waits that end at once when the caller's signal fires. A site gives a cancelled run a short grace
 * period (seconds) while servers may ask for back-offs of a minute, so no adapter wait may ignore it.
 */

/** Throws the `cancelled` ExchangeError when the signal has already fired. */
export function throwIfCancelled(mailbox: string, signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError(mailbox, signal);
}

/** Sleeps `ms`, or rejects with the `cancelled` ExchangeError as soon as the signal fires. */
export function cancellableSleep(ms: number, mailbox: string, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError(mailbox, signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError(mailbox, signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `work`, or rejects with the `cancelled` ExchangeError as soon as the signal fires. For
 * calls whose library takes no signal (ews-javascript-api, the token request of @azure/identity): the
 * caller stops waiting at once; the request itself ends in the background (its outcome is ignored).
 */
export function untilCancelled<T>(work: Promise<T>, mailbox: string, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(cancelledError(mailbox, signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError(mailbox, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}
