import { ExchangeError } from '../exchange/exchange-errors.ts';
import { isTlsFailure, tlsUntrustedMessage } from '../exchange/tls-failure.ts';

/** What the messages name: the hosts and the app. */
export interface GraphMailboxContext {
  readonly baseUrl: string;
  readonly authorityHost: string;
  readonly clientId: string;
  /** Why the sign-in host cannot be reached ("CODE: message"), when a probe after a failed sign-in found out. */
  readonly authorityProblem?: string;
}

/** Entra's sign-in errors that mean the app's identity or secret is wrong (AADSTS codes). */
const CREDENTIAL_CODES = /AADSTS(7000215|7000222|700016|90002|90023|900023|50034|7000112)|invalid_client/;
/** MSAL could not reach the authority (its metadata or token endpoint): a network or TLS problem, not a secret. */
const SIGN_IN_UNREACHABLE = /endpoints_resolution_error|network_error|ECONNREFUSED|ENOTFOUND/;
const NETWORK = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN|socket hang up|UND_ERR/;

type GraphFailure = { statusCode?: number; code?: string | null; message?: string; name?: string };

/** Whether a failure happened while signing in (so a probe of the authority can say why). */
export function isSignInUnreachable(error: unknown): boolean {
  const e = error as GraphFailure;
  return e.code !== 'GraphNetworkError' && SIGN_IN_UNREACHABLE.test(e.message ?? '');
}

/**
 * Graph's and Entra's errors in admin terms (https://learn.microsoft.com/graph/errors). The Graph client
 * wraps everything, the sign-in errors of @azure/identity included, in a GraphError whose `code` is the
 * inner error's name (AuthenticationRequiredError, CredentialUnavailableError, GraphNetworkError) or
 * Graph's error code (ErrorInvalidUser, ApplicationThrottled, …).
 */
export function toExchangeError(error: unknown, mailbox: string, ctx: GraphMailboxContext): ExchangeError {
  if (error instanceof ExchangeError) return error;
  const e = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as GraphFailure;
  const code = e.code ?? e.name ?? 'Error';
  const message = firstLine(e.message ?? String(error));
  const detail = `${code}: ${message}`;
  const cause = { cause: error };
  if (isSignInUnreachable(error)) {
    const why = ctx.authorityProblem ?? message;
    return isTlsFailure(why)
      ? new ExchangeError(
          'tls-untrusted',
          tlsUntrustedMessage(ctx.authorityHost, why, 'microsoftGraph.caFile'),
          cause,
        )
      : new ExchangeError(
          'unreachable',
          `Microsoft Entra at ${ctx.authorityHost} could not be reached to sign in (${why}): check microsoftGraph.authorityHost and that this host may connect to it`,
          cause,
        );
  }
  if (
    CREDENTIAL_CODES.test(detail) ||
    /^(AuthenticationRequiredError|CredentialUnavailableError|AuthenticationError)$/.test(code)
  )
    return new ExchangeError(
      'bad-credentials',
      `Microsoft Entra at ${ctx.authorityHost} refused a token to app ${ctx.clientId} (${detail}): check microsoftGraph.tenantId, microsoftGraph.clientId and the client secret`,
      cause,
    );
  if (code === 'GraphNetworkError' || e.statusCode === -1 || e.statusCode === undefined) {
    if (isTlsFailure(message))
      return new ExchangeError(
        'tls-untrusted',
        tlsUntrustedMessage(ctx.baseUrl, message, 'microsoftGraph.caFile'),
        cause,
      );
    if (code === 'GraphNetworkError' || NETWORK.test(message))
      return new ExchangeError(
        'unreachable',
        `Microsoft Graph at ${ctx.baseUrl} could not be reached (${message})`,
        cause,
      );
  }
  // An expired or unknown delta token: 410 Gone (with a Location to start over) or syncStateNotFound
  // with another status (https://learn.microsoft.com/graph/delta-query-overview, "Synchronization reset").
  if (e.statusCode === 410 || code === 'syncStateNotFound')
    return new ExchangeError(
      'sync-state-invalid',
      `Microsoft Graph no longer knows the delta token given for ${mailbox} (${e.statusCode ?? ''} ${detail}); the folder must be synced again in full`,
      cause,
    );
  switch (e.statusCode) {
    case 401:
      return new ExchangeError(
        'bad-credentials',
        `Microsoft Graph did not accept the token of app ${ctx.clientId} (${detail}): check microsoftGraph.tenantId and clientId`,
        cause,
      );
    case 403:
      return new ExchangeError(
        'access-denied',
        `Microsoft Graph refused app ${ctx.clientId} access to ${mailbox} (${detail}): grant it Mail.Read (application) with admin consent, and check the tenant's application access policy`,
        cause,
      );
    case 404:
      // A folder or item id the mailbox does not have (the mailbox itself is ErrorInvalidUser).
      if (code === 'ErrorItemNotFound')
        return new ExchangeError(
          'folder-not-found',
          `Microsoft Graph has no such folder in ${mailbox} (${detail})`,
          cause,
        );
      // ErrorInvalidUser / ResourceNotFound on /users/{address}: no such mailbox.
      return new ExchangeError(
        'mailbox-not-found',
        `Exchange Online has no mailbox ${mailbox} (${detail})`,
        cause,
      );
    case 429:
      return new ExchangeError(
        'throttled',
        `Microsoft Graph kept throttling requests for ${mailbox} after every Retry-After it gave (429 ${detail})`,
        cause,
      );
    case 502:
    case 503:
    case 504:
      return new ExchangeError(
        'unreachable',
        `Microsoft Graph is unavailable (${e.statusCode} ${detail})`,
        cause,
      );
    default:
      return new ExchangeError(
        'server-error',
        `Microsoft Graph failed for ${mailbox} (${e.statusCode ?? ''} ${detail})`.replace(/\s+/g, ' '),
        cause,
      );
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
