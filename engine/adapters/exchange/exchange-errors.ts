import { ExsyncError } from '../../errors/exsync-error.ts';

/**
 * Every way a mailbox call can fail, as a stable code. Both adapters (EWS, Graph) raise nothing but an
 * ExchangeError with one of these codes, so the runtime can pass the code across the worker boundary
 * as plain data and a card or the dashboard can offer the action that fits. `retryable` says whether
 * the same call may succeed later without anyone changing anything.
 */
export const EXCHANGE_ERROR_CODES = {
  /** The server did not answer: wrong URL, host down, firewall, DNS, connection reset or timed out. */
  unreachable: { retryable: true, action: 'check the URL and that this host may connect to it' },
  /** TLS failed: the server's certificate is self-signed, signed by a CA we do not trust, expired or for another name. */
  'tls-untrusted': {
    retryable: false,
    action: 'trust the CA that signed the server certificate (caFile), or fix the certificate',
  },
  /** The service account (EWS) or the app's client secret (Graph) was refused. */
  'bad-credentials': { retryable: false, action: 'check the account or app id and its password or secret' },
  /** EWS: the service account may not impersonate this mailbox. */
  'impersonation-denied': {
    retryable: false,
    action: 'grant the service account the ApplicationImpersonation role for this mailbox',
  },
  /** Graph: the app signed in but may not read this mailbox (permission missing, application access policy). */
  'access-denied': {
    retryable: false,
    action:
      "grant the app Mail.Read (application) with admin consent, and check the tenant's application access policy",
  },
  /** Exchange has no mailbox with this address. */
  'mailbox-not-found': { retryable: false, action: 'check the address, or remove it from the target' },
  /** The mail folder asked for is gone (deleted, moved to another mailbox) while the mailbox is there. */
  'folder-not-found': {
    retryable: false,
    action: 'none: the folder was deleted; the next folder listing no longer has it',
  },
  /** The server kept throttling after every back-off it asked for. */
  throttled: { retryable: true, action: 'none: the mailbox is tried again on the next run' },
  /** An item or hierarchy sync state the server no longer knows (expired, invalidated) or never issued. */
  'sync-state-invalid': {
    retryable: false,
    action:
      'none: the folder is synced again in full; if it happens on every run, check that nothing else resets the mailbox sync states',
  },
  /** The call was given up because its AbortSignal fired (a cancel, a shutdown). */
  cancelled: { retryable: true, action: 'none: the run was cancelled' },
  /** Anything else the server answered with (an unexpected response code, HTTP 5xx, a malformed reply). */
  'server-error': { retryable: true, action: 'look at the message; retry later' },
} as const satisfies Record<string, { retryable: boolean; action: string }>;

export type ExchangeErrorCode = keyof typeof EXCHANGE_ERROR_CODES;

/** The codes as a list, e.g. for a zod enum on the worker protocol. */
export const EXCHANGE_ERROR_CODE_LIST = Object.keys(EXCHANGE_ERROR_CODES) as [
  ExchangeErrorCode,
  ...ExchangeErrorCode[],
];

export function isExchangeErrorCode(value: unknown): value is ExchangeErrorCode {
  return typeof value === 'string' && Object.hasOwn(EXCHANGE_ERROR_CODES, value);
}

/**
 * Exchange said no, or could not be reached, in a way an admin can act on. Both adapters (EWS, Graph)
 * translate their protocol's errors into these codes.
 */
export class ExchangeError extends ExsyncError {
  override readonly refused = false;

  constructor(
    readonly code: ExchangeErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Whether the same call may succeed later without a change of settings. */
  get retryable(): boolean {
    return EXCHANGE_ERROR_CODES[this.code].retryable;
  }
}

/** The error every adapter rejects with once the caller's signal has fired. */
export function cancelledError(mailbox: string, signal?: AbortSignal): ExchangeError {
  return new ExchangeError('cancelled', `The Exchange call for ${mailbox} was cancelled`, {
    ...(signal?.reason !== undefined ? { cause: signal.reason } : {}),
  });
}
