import { ServiceError } from 'ews-javascript-api';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import { isTlsFailure, tlsUntrustedMessage } from '../exchange/tls-failure.ts';

/**
 * ews-javascript-api rejects with three shapes: ServiceResponseException (an EWS ResponseCode),
 * SoapFaultDetails (HTTP errors and SOAP faults — not an Error instance), and plain errors from the
 * transport. This reads the facts we act on from any of them.
 */
export interface EwsFailure {
  readonly responseCode?: string;
  readonly httpStatus?: number;
  readonly backOffMs?: number;
  /** The transport's error code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, …) when axios failed. */
  readonly transportCode?: string;
  readonly message: string;
}

type Loose = Record<string, unknown> & { message?: unknown };

export function readEwsFailure(error: unknown): EwsFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Loose;
  const response = e['Response'] as Loose | undefined;
  // SoapFaultDetails puts the EWS code in responseCode (ErrorCode stays 0 = NoError); ServiceResponseException in Response.ErrorCode.
  const code = [e['responseCode'], response?.['ErrorCode'], e['ErrorCode']]
    .map(stringOf)
    .find((c) => c && c !== 'NoError');
  const details = (e['errorDetails'] ?? response?.['ErrorDetails'] ?? e['ErrorDetails']) as Loose | undefined;
  const detailObjects = (details?.['objects'] ?? details) as Loose | undefined;
  const backOff = Number(detailObjects?.['BackOffMilliseconds']);
  const inner = e['InnerException'] as Loose | undefined;
  const transportCode = [e['code'], inner?.['code']].find(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  const httpStatus = Number(
    e['HttpStatusCode'] ?? e['httpStatusCode'] ?? (e['response'] as Loose | undefined)?.['status'],
  );
  return {
    ...(code ? { responseCode: code } : {}),
    ...(Number.isFinite(httpStatus) && httpStatus > 0 ? { httpStatus } : {}),
    ...(Number.isFinite(backOff) && backOff > 0 ? { backOffMs: backOff } : {}),
    ...(transportCode ? { transportCode } : {}),
    message: stringOf(e.message) ?? stringOf(e['Message']) ?? 'unknown EWS error',
  };
}

/** The typed error for a failure we do not retry, with what the admin should do. */
export function toExchangeError(failure: EwsFailure, mailbox: string, cause: unknown): ExchangeError {
  const code = failure.responseCode ?? '';
  if (code === 'ErrorImpersonateUserDenied' || code === 'ErrorImpersonationDenied')
    return new ExchangeError(
      'impersonation-denied',
      `The EWS service account may not impersonate ${mailbox} (${code}); grant it the ApplicationImpersonation role`,
      { cause },
    );
  if (code === 'ErrorNonExistentMailbox' || code === 'ErrorMailboxNotFound')
    return new ExchangeError('mailbox-not-found', `Exchange has no mailbox ${mailbox} (${code})`, { cause });
  if (code === 'ErrorSyncFolderNotFound' || code === 'ErrorFolderNotFound')
    return new ExchangeError('folder-not-found', `EWS has no such folder in ${mailbox} (${code})`, { cause });
  if (code === 'ErrorInvalidSyncStateData')
    return new ExchangeError(
      'sync-state-invalid',
      `EWS no longer knows the sync state given for ${mailbox} (${code}); the folder must be synced again in full`,
      { cause },
    );
  if (failure.httpStatus === 401)
    return new ExchangeError(
      'bad-credentials',
      'EWS refused the service account credentials (HTTP 401); check exchange.username and the password',
      { cause },
    );
  if (code === 'ErrorServerBusy')
    return new ExchangeError(
      'throttled',
      `EWS kept answering ErrorServerBusy for ${mailbox}; the throttling policy of the service account is too tight`,
      { cause },
    );
  const transport = `${failure.transportCode ?? ''} ${failure.message}`;
  if (isTlsFailure(transport))
    return new ExchangeError(
      'tls-untrusted',
      tlsUntrustedMessage('the EWS server', transport.trim(), 'exchange.caFile'),
      { cause },
    );
  if (/ECONNABORTED|timeout of \d+ms exceeded/i.test(transport))
    return new ExchangeError(
      'unreachable',
      `Exchange (EWS) did not answer in time for ${mailbox}: ${failure.message}`,
      { cause },
    );
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN|socket hang up/i.test(transport))
    return new ExchangeError('unreachable', `Exchange (EWS) could not be reached: ${failure.message}`, {
      cause,
    });
  return new ExchangeError(
    'server-error',
    `EWS failed for ${mailbox}: ${code || failure.httpStatus || ''} ${failure.message}`.replace(/\s+/g, ' '),
    { cause },
  );
}

/** Response codes arrive as ServiceError enum numbers; messages need their names. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number') return (ServiceError as unknown as Record<number, string>)[value];
  return undefined;
}
