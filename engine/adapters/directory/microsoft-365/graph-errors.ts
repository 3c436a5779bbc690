import { GraphError } from '@microsoft/microsoft-graph-client';
import {
  DirectoryAccessDeniedError,
  DirectoryBadCredentialsError,
  DirectoryError,
  DirectoryOperationError,
  DirectoryThrottledError,
  DirectoryTlsError,
  DirectoryUnreachableError,
} from '../directory-errors.ts';

export interface GraphErrorContext {
  readonly baseUrl: string;
  readonly authorityHost: string;
  readonly clientId: string;
  readonly secretEnv: string;
  /** What was being done, e.g. `reading the members of sales@contoso.com`. */
  readonly operation: string;
}

const TLS_WORDS = /certificate|self[- ]signed|CERT_|ERR_TLS|SSL|unable to verify/i;
/** Entra's sign-in errors that mean the app's identity or secret is wrong (AADSTS codes). */
const CREDENTIAL_CODES = /AADSTS(7000215|7000222|700016|90002|90023|900023|50034|7000112)/;

/**
 * The sign-in failed on the network: MSAL could not read the authority's metadata or reach its token
 * endpoint. (The Graph client wraps such errors in a GraphError too; its own network failures carry the
 * code GraphNetworkError and are about Graph, not the sign-in host.)
 */
export function isAuthorityUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof GraphError && error.code === 'GraphNetworkError') return false;
  return /endpoints_resolution_error|network_error|ECONNREFUSED|ENOTFOUND/.test(error.message);
}

/**
 * Turns what the Graph client or @azure/identity threw into a typed DirectoryError; other errors pass
 * through. `authorityProblem` is what a probe of the sign-in host found, when the sign-in failed on the network.
 */
export function toGraphDirectoryError(
  error: unknown,
  ctx: GraphErrorContext,
  authorityProblem?: string,
): unknown {
  if (error instanceof DirectoryError || !(error instanceof Error)) return error;
  const cause = { cause: error };
  const text = `${error.name}: ${error.message}`;
  if (isAuthorityUnreachable(error)) {
    const why = authorityProblem ?? firstLine(error.message);
    return TLS_WORDS.test(why)
      ? tlsError(ctx.authorityHost, why, cause)
      : unreachable(ctx.authorityHost, `signing in for ${ctx.operation}`, why, cause);
  }
  if (
    error.name === 'AuthenticationError' ||
    error.name === 'CredentialUnavailableError' ||
    CREDENTIAL_CODES.test(text)
  ) {
    if (TLS_WORDS.test(text)) return tlsError(ctx.authorityHost, error.message, cause);
    if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET/.test(text))
      return unreachable(ctx.authorityHost, ctx.operation, error.message, cause);
    return new DirectoryBadCredentialsError(
      `Microsoft Entra at ${ctx.authorityHost} refused a token to app ${ctx.clientId} (${firstLine(error.message)}): ` +
        `check microsoftGraph.tenantId, microsoftGraph.clientId and the secret in ${ctx.secretEnv}`,
      cause,
    );
  }
  if (!(error instanceof GraphError)) return error;
  if (error.code === 'GraphNetworkError' || error.statusCode === -1) {
    if (TLS_WORDS.test(error.message)) return tlsError(ctx.baseUrl, error.message, cause);
    return unreachable(ctx.baseUrl, ctx.operation, error.message, cause);
  }
  const said = `${error.statusCode} ${error.code ?? ''}: ${firstLine(error.message)}`.trim();
  switch (error.statusCode) {
    case 401:
      return new DirectoryBadCredentialsError(
        `Microsoft Graph did not accept the token of app ${ctx.clientId} (${said}): check microsoftGraph.tenantId and clientId`,
        cause,
      );
    case 403:
      return new DirectoryAccessDeniedError(
        `Microsoft Graph refused ${ctx.operation} to app ${ctx.clientId} (${said}): grant it the application permissions ` +
          'GroupMember.Read.All and User.Read.All, with admin consent',
        cause,
      );
    case 429:
      return new DirectoryThrottledError(
        `Microsoft Graph kept throttling ${ctx.operation} (429) after the retries it asked for; it will be tried again later`,
        cause,
      );
    case 502:
    case 503:
    case 504:
      return unreachable(ctx.baseUrl, ctx.operation, said, cause);
    default:
      return new DirectoryOperationError(`Microsoft Graph failed ${ctx.operation} (${said})`, cause);
  }
}

function tlsError(url: string, message: string, cause: ErrorOptions): DirectoryTlsError {
  return new DirectoryTlsError(
    `TLS with ${url} failed (${firstLine(message)}): if a proxy or private CA signs its certificate, set microsoftGraph.caFile`,
    cause,
  );
}

function unreachable(
  url: string,
  operation: string,
  message: string,
  cause: ErrorOptions,
): DirectoryUnreachableError {
  return new DirectoryUnreachableError(
    `${url} cannot be reached while ${operation} (${firstLine(message)}): check the URL and that this host may connect to it`,
    cause,
  );
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
