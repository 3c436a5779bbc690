import type { AppPrincipal } from '../http/graph-request.ts';
import { GraphHttpError } from '../http/graph-response.ts';
import type { TokenStore } from './token-store.ts';

/**
 * Every Graph request must carry a valid bearer token; otherwise Graph answers 401 with code
 * `InvalidAuthenticationToken` and a `WWW-Authenticate` challenge
 * (https://learn.microsoft.com/graph/resolve-auth-errors#401-unauthorized-error-is-your-token-valid).
 */
const MESSAGES = {
  missing: 'Access token is empty.',
  malformed: 'CompactToken parsing failed with error code: 80049217',
  unknown: 'Access token validation failure. Invalid audience.',
  expired: 'Lifetime validation failed, the token is expired.',
} as const;

export function authenticate(tokens: TokenStore, authorization: string | undefined): AppPrincipal {
  const result = tokens.check(authorization);
  if (result.ok) return result.app;
  throw new GraphHttpError(401, 'InvalidAuthenticationToken', MESSAGES[result.reason], {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}
