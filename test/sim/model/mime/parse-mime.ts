import type { EmailAddress } from '../email-address.ts';
import type { Importance, Sensitivity } from '../item-record.ts';
import type { ParsedEvent } from './icalendar.ts';
import { parseICalendar } from './icalendar.ts';
import { decodeCharset, decodeQuotedPrintable, decodeWords, parseMimeDate } from './mime-encoding.ts';

/**
 * Parses an RFC 5322 / MIME message into the parts the model records. Works on a binary (latin1)
 * string so byte positions and 8-bit header bytes are preserved.
 */

export class MimeParseError extends Error {}

export interface ParsedAttachment {
  name: string;
  contentType: string;
  isInline: boolean;
  contentId?: string;
  bytes: Buffer;
  lastModifiedAt?: string;
}

export interface ParsedMime {
  subject: string;
  from?: EmailAddress;
  sender?: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  sentAt?: string;
  internetMessageId?: string;
  importance: Importance;
  sensitivity: Sensitivity;
  body: { type: 'text' | 'html'; content: string };
  attachments: ParsedAttachment[];
  event?: ParsedEvent;
  /** Header fields not modelled elsewhere, in order, as binary strings. */
  extraHeaders: [string, string][];
}

interface Part {
  headers: [string, string][];
  body: string;
}

const MODELLED_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'importance',
  'x-priority',
  'sensitivity',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'x-ms-has-attach',
]);

function splitPart(text: string): Part {
  const match = /\r?\n\r?\n/.exec(text);
  const headText = match ? text.slice(0, match.index) : text;
  const body = match ? text.slice(match.index + match[0].length) : '';
  const headers: [string, string][] = [];
  for (const line of headText.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) {
      const last = headers[headers.length - 1];
      if (last) last[1] += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      if (line.trim()) throw new MimeParseError(`malformed header line: ${line.slice(0, 60)}`);
      continue;
    }
    headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
  }
  return { headers, body };
}

function headerValue(part: Part, name: string): string | undefined {
  const found = part.headers.find(([n]) => n.toLowerCase() === name);
  return found ? found[1].replace(/\r?\n[ \t]+/g, ' ').trim() : undefined;
}

interface HeaderParams {
  value: string;
  params: Record<string, string>;
}

function parseParams(text: string | undefined): HeaderParams {
  if (!text) return { value: '', params: {} };
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += c;
  }
  pieces.push(current);
  const [value = '', ...rest] = pieces.map((p) => p.trim());
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    if (key.endsWith('*')) {
      // RFC 2231: charset'language'percent-encoded
      const m = /^([^']*)'[^']*'(.*)$/.exec(v);
      const raw = (m?.[2] ?? v).replace(/%([0-9A-Fa-f]{2})/g, (_x, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
      params[key.slice(0, -1)] = decodeCharset(Buffer.from(raw, 'latin1'), m?.[1] || 'utf-8');
    } else {
      params[key] = v;
    }
  }
  return { value: value.toLowerCase(), params };
}

function splitAddresses(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let depthAngle = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') depthAngle++;
    else if (!quoted && c === '>') depthAngle--;
    if (c === ',' && !quoted && depthAngle === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

function binaryToUtf8(text: string): string {
  return Buffer.from(text, 'latin1').toString('utf8');
}

export function parseAddressList(text: string | undefined): EmailAddress[] {
  if (!text) return [];
  return splitAddresses(text).map((entry) => {
    const angle = /^(.*)<([^>]*)>\s*$/.exec(entry);
    if (angle) {
      const rawName = (angle[1] ?? '')
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .replace(/\\(.)/g, '$1');
      const address = (angle[2] ?? '').trim();
      const name = decodeWords(binaryToUtf8(rawName));
      return { name: name || address, address };
    }
    const address = entry.replace(/\s*\(.*\)\s*$/, '').trim();
    return { name: address, address };
  });
}

function decodeBody(part: Part): Buffer {
  const encoding = (headerValue(part, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return Buffer.from(part.body, 'latin1');
}

function decodeText(part: Part, charset: string | undefined): string {
  return decodeCharset(decodeBody(part), charset);
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const lines = body.split(/(\r?\n)/);
  let current: string[] | undefined;
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i] ?? '';
    const eol = lines[i + 1] ?? '';
    if (line.trimEnd() === delimiter || line.trimEnd() === `${delimiter}--`) {
      if (current) {
        // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
        const text = current.join('').replace(/\r?\n$/, '');
        parts.push(text);
      }
      if (line.trimEnd() === `${delimiter}--`) return parts;
      current = [];
      continue;
    }
    current?.push(line + eol);
  }
  if (current) parts.push(current.join(''));
  return parts;
}

interface Collected {
  texts: { type: 'text' | 'html'; content: string }[];
  attachments: ParsedAttachment[];
  calendars: string[];
}

function walk(part: Part, collected: Collected): void {
  const type = parseParams(headerValue(part, 'content-type') ?? 'text/plain; charset=us-ascii');
  const disposition = parseParams(headerValue(part, 'content-disposition'));
  if (type.value.startsWith('multipart/')) {
    const boundary = type.params['boundary'];
    if (!boundary) throw new MimeParseError('multipart part without a boundary');
    for (const child of splitMultipart(part.body, boundary)) walk(splitPart(child), collected);
    return;
  }
  const rawName = disposition.params['filename'] ?? type.params['name'];
  const name = rawName !== undefined ? decodeWords(binaryToUtf8(rawName)) : undefined;
  const isAttachment =
    disposition.value === 'attachment' || (name !== undefined && !type.value.startsWith('text/'));
  if (!isAttachment && (type.value === 'text/plain' || type.value === 'text/html')) {
    collected.texts.push({
      type: type.value === 'text/html' ? 'html' : 'text',
      content: decodeText(part, type.params['charset']),
    });
    return;
  }
  if (!isAttachment && type.value === 'text/calendar') {
    collected.calendars.push(decodeText(part, type.params['charset']));
    return;
  }
  const contentId = headerValue(part, 'content-id')?.replace(/^<|>$/g, '');
  const modified = disposition.params['modification-date'];
  const lastModifiedAt = modified ? parseMimeDate(modified) : undefined;
  const fallbackName = type.value === 'message/rfc822' ? 'message.eml' : 'attachment';
  collected.attachments.push({
    name: name ?? fallbackName,
    contentType: type.value || 'application/octet-stream',
    isInline: disposition.value === 'inline' && contentId !== undefined,
    ...(contentId ? { contentId } : {}),
    bytes: decodeBody(part),
    ...(lastModifiedAt ? { lastModifiedAt } : {}),
  });
}

function importanceOf(part: Part): Importance {
  const importance = headerValue(part, 'importance')?.toLowerCase();
  if (importance === 'high') return 'High';
  if (importance === 'low') return 'Low';
  const priority = Number(headerValue(part, 'x-priority')?.trim()[0]);
  if (priority === 1 || priority === 2) return 'High';
  if (priority === 4 || priority === 5) return 'Low';
  return 'Normal';
}

function sensitivityOf(part: Part): Sensitivity {
  switch (headerValue(part, 'sensitivity')?.toLowerCase()) {
    case 'personal':
      return 'Personal';
    case 'private':
      return 'Private';
    case 'company-confidential':
      return 'Confidential';
    default:
      return 'Normal';
  }
}

/** Parses MIME bytes. Throws MimeParseError when the bytes are not a message (no header block). */
export function parseMime(bytes: Buffer): ParsedMime {
  const text = bytes.toString('latin1');
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(text))
    throw new MimeParseError('MIME content does not start with a header field');
  const root = splitPart(text);
  const collected: Collected = { texts: [], attachments: [], calendars: [] };
  walk(root, collected);
  const html = collected.texts.find((t) => t.type === 'html');
  const body = html ?? collected.texts[0] ?? { type: 'text' as const, content: '' };
  const event = collected.calendars.map(parseICalendar).find((e) => e !== undefined);
  const sentAt = parseMimeDate(headerValue(root, 'date') ?? '');
  const internetMessageId = headerValue(root, 'message-id');
  const from = parseAddressList(headerValue(root, 'from'))[0];
  const sender = parseAddressList(headerValue(root, 'sender'))[0];
  return {
    subject: decodeWords(binaryToUtf8(headerValue(root, 'subject') ?? '')),
    ...(from ? { from } : {}),
    ...(sender ? { sender } : from ? { sender: from } : {}),
    to: parseAddressList(headerValue(root, 'to')),
    cc: parseAddressList(headerValue(root, 'cc')),
    bcc: parseAddressList(headerValue(root, 'bcc')),
    ...(sentAt ? { sentAt } : {}),
    ...(internetMessageId ? { internetMessageId } : {}),
    importance: importanceOf(root),
    sensitivity: sensitivityOf(root),
    body,
    attachments: collected.attachments,
    ...(event ? { event } : {}),
    extraHeaders: root.headers.filter(([name]) => !MODELLED_HEADERS.has(name.toLowerCase())),
  };
}
