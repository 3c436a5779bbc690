import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque state tokens (`$skiptoken`, `$deltatoken`): a JSON payload sealed with an HMAC, so a client can
 * neither read meaning into them nor forge or edit one; a token that fails the check is treated as
 * unknown. Each endpoint instance has its own key, so tokens do not survive a simulator restart (as a
 * real delta token does not survive the loss of Exchange's sync state).
 */
export class TokenSealer {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }

  seal(payload: object): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The payload, or undefined when the token is malformed, edited or from another instance. */
  open(token: string | undefined): Record<string, unknown> | undefined {
    if (!token) return undefined;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Absolute link for `@odata.nextLink` / `@odata.deltaLink`: https origin, version, path, query. */
export function absoluteLink(
  origin: string,
  version: string,
  segments: readonly string[],
  params: Record<string, string>,
): string {
  const path = segments.map((s) => encodeURIComponent(s)).join('/');
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return `${origin}/${version}/${path}${query ? `?${query}` : ''}`;
}
