import { ResultCodeError } from 'ldapts';
import {
  DirectoryAccessDeniedError,
  DirectoryBadCredentialsError,
  DirectoryError,
  DirectoryOperationError,
  DirectoryTlsError,
  DirectoryTruncatedError,
  DirectoryUnreachableError,
  DnMalformedError,
} from '../directory-errors.ts';

/** What the admin needs in a message: which DC, which account, where its password comes from. */
export interface LdapErrorContext {
  readonly url: string;
  readonly bindDn: string;
  readonly passwordEnv: string;
  /** What was being done, e.g. `reading group CN=Sales,...`. */
  readonly operation: string;
  /** The DN the operation named, if any (for the DC's own "invalid DN syntax" answer). */
  readonly dn?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'EPROTO',
]);

/** The "data" code in AD's bind error text (e.g. "AcceptSecurityContext error, data 52e"). */
const BIND_DATA: Record<string, string> = {
  '525': 'the account does not exist',
  '52e': 'wrong password',
  '530': 'logon not permitted at this time',
  '531': 'logon not permitted from this host',
  '532': 'the password has expired',
  '533': 'the account is disabled',
  '701': 'the account has expired',
  '773': 'the password must be reset',
  '775': 'the account is locked out',
};

/** Turns what ldapts or the socket threw into a typed DirectoryError; anything else (a bug) is returned as is. */
export function toDirectoryError(error: unknown, ctx: LdapErrorContext): unknown {
  if (error instanceof DirectoryError) return error;
  const cause = { cause: error };
  if (error instanceof ResultCodeError) return fromResultCode(error, ctx, cause);
  if (!(error instanceof Error)) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_'))
    return new DirectoryTlsError(
      `TLS with ${ctx.url} failed (${code}: ${error.message}): set directory.tls.caFile to the CA that issued the ` +
        'DC certificate, and directory.tls.servername to the name on it when the URL uses an IP address',
      cause,
    );
  if (
    NETWORK_CODES.has(code) ||
    /Connection timeout|timed out|Socket connection not established/i.test(error.message)
  )
    return new DirectoryUnreachableError(
      `Active Directory at ${ctx.url} cannot be reached while ${ctx.operation} (${code || error.message}): ` +
        'check directory.url, that the DC is running, and that this host may connect to it',
      cause,
    );
  return error;
}

function fromResultCode(error: ResultCodeError, ctx: LdapErrorContext, cause: ErrorOptions): DirectoryError {
  const said = `"${error.message.trim()}"`;
  switch (error.code) {
    case 49: {
      const data = /data ([0-9a-f]{3})/i.exec(error.message)?.[1]?.toLowerCase();
      const why = data ? (BIND_DATA[data] ?? `AD data ${data}`) : 'invalid credentials';
      return new DirectoryBadCredentialsError(
        `Active Directory at ${ctx.url} rejected the bind as ${ctx.bindDn} (${why}): check directory.bindDn and ` +
          `the password in the environment variable ${ctx.passwordEnv}`,
        cause,
      );
    }
    case 48:
      return new DirectoryBadCredentialsError(
        `Active Directory at ${ctx.url} refused the bind as ${ctx.bindDn} (${said}): is ${ctx.passwordEnv} empty?`,
        cause,
      );
    case 8:
    case 13:
      return new DirectoryAccessDeniedError(
        `Active Directory at ${ctx.url} requires an encrypted connection for simple binds (${said}): ` +
          'use an ldaps:// URL or set directory.startTls: true',
        cause,
      );
    case 50:
    case 1:
      return new DirectoryAccessDeniedError(
        `Active Directory refused ${ctx.operation} to ${ctx.bindDn} (${said}): give the account read access ` +
          'to the users and groups under directory.baseDn',
        cause,
      );
    case 3:
    case 4:
    case 11:
      return new DirectoryTruncatedError(
        `Active Directory stopped ${ctx.operation} early (${error.name}: ${said}), so the result would be ` +
          'incomplete and was not used: check the DC query policy (MaxPageSize, MaxQueryDuration)',
        cause,
      );
    case 51:
    case 52:
      return new DirectoryUnreachableError(
        `Active Directory at ${ctx.url} is busy or unavailable (${said}) while ${ctx.operation}; it will be tried again`,
        cause,
      );
    case 12:
    case 18:
      return new DirectoryOperationError(
        `Active Directory at ${ctx.url} does not support a control or matching rule used while ${ctx.operation} ` +
          `(${said}): set directory.expansion: recursive`,
        cause,
      );
    case 34:
      return new DnMalformedError(ctx.dn ?? ctx.operation, `the DC says ${said}`);
    default:
      return new DirectoryOperationError(
        `Active Directory at ${ctx.url} failed ${ctx.operation} (LDAP result ${error.code}, ${said})`,
        cause,
      );
  }
}
