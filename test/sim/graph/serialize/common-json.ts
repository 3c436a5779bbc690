import { createHash } from 'node:crypto';
import type { EmailAddress } from '../../model/index.ts';

/** Small Graph value types shared by messages, events and directory objects. */

export interface RecipientJson {
  emailAddress: { name: string; address: string };
}

export function recipient(address: EmailAddress | undefined): RecipientJson | null {
  return address ? { emailAddress: { name: address.name, address: address.address } } : null;
}

export function recipients(list: readonly EmailAddress[]): RecipientJson[] {
  return list.map((a) => ({ emailAddress: { name: a.name, address: a.address } }));
}

/** dateTimeTimeZone: local date and time without zone designator, plus the zone (all UTC here). */
export function dateTimeTimeZone(iso: string | undefined): { dateTime: string; timeZone: string } | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return { dateTime: `${new Date(ms).toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' };
}

/** ISO instant from a dateTimeTimeZone (only UTC and zone-less values are understood). */
export function fromDateTimeTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { dateTime } = value as { dateTime?: unknown };
  if (typeof dateTime !== 'string') return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(dateTime) ? dateTime : `${dateTime}Z`);
  return Number.isNaN(ms)
    ? undefined
    : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function etag(changeKey: string): string {
  return `W/"${changeKey}"`;
}

/** First 255 characters of the body as plain text, as Graph's bodyPreview. */
export function bodyPreview(body: { type: string; content: string }): string {
  const text = body.type === 'html' ? body.content.replace(/<[^>]*>/g, ' ') : body.content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** A stable opaque id derived from text (conversation ids, occurrence ids). */
export function derivedId(prefix: string, text: string): string {
  return `${prefix}${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
}

export function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

export function upperFirst(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
