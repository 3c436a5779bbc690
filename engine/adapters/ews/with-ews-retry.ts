import { cancellableSleep, throwIfCancelled, untilCancelled } from '../exchange/abortable.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import { readEwsFailure, toExchangeError } from './ews-failure.ts';

export interface EwsRetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait when the server gives no BackOffMilliseconds (HTTP 503, connection reset). */
  fallbackBackOffMs: number;
  /** Never wait longer than this for one back-off. */
  maxBackOffMs: number;
}

export const DEFAULT_EWS_RETRY: EwsRetryOptions = {
  attempts: 6,
  fallbackBackOffMs: 1000,
  maxBackOffMs: 60_000,
};

/**
 * Calls EWS and honours throttling as Microsoft documents it: ErrorServerBusy carries
 * BackOffMilliseconds, the time to wait before resubmitting; HTTP 503 means the request queue is full.
 * https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 *
 * The signal ends every wait at once, the back-off included (it can last a minute, while a cancelled
 * run gets seconds), and is checked before each attempt. ews-javascript-api takes no signal, so a call
 * in flight is abandoned rather than aborted: the caller gets `cancelled` at once, the request finishes
 * in the background and its answer is dropped.
 */
export async function withEwsRetry<T>(
  mailbox: string,
  call: () => Promise<T>,
  signal?: AbortSignal,
  options: EwsRetryOptions = DEFAULT_EWS_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(mailbox, signal);
    try {
      return await untilCancelled(call(), mailbox, signal);
    } catch (error) {
      if (error instanceof ExchangeError) throw error;
      const failure = readEwsFailure(error);
      const busy = failure.responseCode === 'ErrorServerBusy' || failure.httpStatus === 503;
      // A reset connection or an internal server error is worth another try for the reads this
      // wraps (syncs, GetItem, GetAttachment: asking twice changes nothing). EWS sends every SOAP
      // fault with HTTP 500 (ErrorNonExistentMailbox, ErrorImpersonateUserDenied, …), and
      // ews-javascript-api calls a 401 or a transport failure ErrorInternalServerError too: only an
      // HTTP 500 that names no other EWS error is a passing failure.
      const transient =
        /ECONNRESET|socket hang up/i.test(failure.message) ||
        (failure.httpStatus === 500 &&
          (!failure.responseCode || failure.responseCode === 'ErrorInternalServerError'));
      if ((!busy && !transient) || attempt >= options.attempts)
        throw toExchangeError(failure, mailbox, error);
      const wait = Math.min(
        failure.backOffMs ?? options.fallbackBackOffMs * 2 ** (attempt - 1),
        options.maxBackOffMs,
      );
      await cancellableSleep(wait, mailbox, signal);
    }
  }
}
