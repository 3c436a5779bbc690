import { randomBytes } from 'node:crypto';
import type { AppPrincipal } from '../http/graph-request.ts';

/** An app registration the simulated Entra ID knows: client id and its secret. */
export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  /** Display name, for error messages. @default clientId */
  name?: string;
}

interface IssuedToken extends AppPrincipal {
  expiresAt: number;
}

export type TokenCheck =
  { ok: true; app: AppPrincipal } | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'expired' };

/**
 * Access tokens are opaque random strings (not JWTs): Graph clients must not inspect them, and the
 * simulator validates every request against this store. Revoking or expiring them lets tests check a
 * client's re-authentication.
 */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly clock: () => number;
  lifetimeSeconds: number;

  constructor(lifetimeSeconds = 3599, clock: () => number = Date.now) {
    this.lifetimeSeconds = lifetimeSeconds;
    this.clock = clock;
  }

  issue(app: AppPrincipal): { token: string; expiresIn: number } {
    this.prune();
    const token = `simgraph.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { ...app, expiresAt: this.clock() + this.lifetimeSeconds * 1000 });
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** Validates an `Authorization` header value. */
  check(authorization: string | undefined): TokenCheck {
    if (!authorization?.trim()) return { ok: false, reason: 'missing' };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { ok: false, reason: 'malformed' };
    const issued = this.tokens.get(match[1]);
    if (!issued) return { ok: false, reason: match[1].startsWith('simgraph.') ? 'unknown' : 'malformed' };
    if (issued.expiresAt <= this.clock()) return { ok: false, reason: 'expired' };
    return { ok: true, app: { appId: issued.appId, tenantId: issued.tenantId } };
  }

  /** Makes every token issued so far invalid (the next request gets 401). */
  revokeAll(): void {
    this.tokens.clear();
  }

  /** Makes every token issued so far expired (401 "Access token has expired"). */
  expireAll(): void {
    for (const token of this.tokens.values()) token.expiresAt = this.clock();
  }

  get size(): number {
    return this.tokens.size;
  }

  private prune(): void {
    const now = this.clock();
    for (const [token, issued] of this.tokens)
      if (issued.expiresAt <= now - 3600_000) this.tokens.delete(token);
  }
}
