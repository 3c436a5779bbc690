import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { ServiceAccount } from '../../model/directory.ts';
import type { MailboxModel } from '../../model/model.ts';
import { challengeMessage, parseNtlm, verifyNtlmV2 } from './ntlm.ts';

/**
 * HTTP authentication for the EWS virtual directory: Basic and NTLM (Windows authentication), as an
 * on-premises Exchange offers them. NTLM authenticates the connection, as IIS does: once a socket has
 * authenticated, later requests on it need no Authorization header.
 */
export type AuthOutcome =
  | { kind: 'authenticated'; account: ServiceAccount; scheme: 'Basic' | 'NTLM' }
  /** 401 with these WWW-Authenticate values. */
  | { kind: 'challenge'; wwwAuthenticate: string[] };

const authenticatedSockets = new WeakMap<Socket, ServiceAccount>();

export interface AuthSettings {
  basic: boolean;
  ntlm: boolean;
}

function offered(settings: AuthSettings): string[] {
  const schemes: string[] = [];
  if (settings.ntlm) schemes.push('Negotiate', 'NTLM');
  if (settings.basic) schemes.push('Basic realm="127.0.0.1"');
  return schemes;
}

export function authenticate(
  request: IncomingMessage,
  model: MailboxModel,
  settings: AuthSettings,
): AuthOutcome {
  const header = request.headers.authorization ?? '';
  const [scheme = '', token = ''] = header.split(/\s+/, 2);
  const netbios = model.population.netbiosDomain;
  if (settings.basic && scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const password = colon >= 0 ? decoded.slice(colon + 1) : '';
    const account = model.directory.findAccount(user, netbios);
    if (account && account.password === password) return { kind: 'authenticated', account, scheme: 'Basic' };
    return { kind: 'challenge', wwwAuthenticate: offered(settings) };
  }
  if (settings.ntlm && (scheme.toLowerCase() === 'ntlm' || scheme.toLowerCase() === 'negotiate')) {
    const message = parseNtlm(token);
    if (message.type === 1) {
      return {
        kind: 'challenge',
        wwwAuthenticate: [`NTLM ${challengeMessage(netbios, model.population.domain)}`],
      };
    }
    if (message.type === 3) {
      const logon = message.domain ? `${message.domain}\\${message.user}` : message.user;
      const account =
        model.directory.findAccount(logon, netbios) ?? model.directory.findAccount(message.user, netbios);
      if (account && verifyNtlmV2(message, account.password)) {
        authenticatedSockets.set(request.socket, account);
        return { kind: 'authenticated', account, scheme: 'NTLM' };
      }
    }
    return { kind: 'challenge', wwwAuthenticate: offered(settings) };
  }
  const remembered = !header && settings.ntlm ? authenticatedSockets.get(request.socket) : undefined;
  if (remembered) return { kind: 'authenticated', account: remembered, scheme: 'NTLM' };
  return { kind: 'challenge', wwwAuthenticate: offered(settings) };
}
