/**
 * Small MIME encoding helpers (RFC 2045 base64 bodies, RFC 2047 encoded words, RFC 5322 dates and
 * header folding). Only what the simulator renders and parses; deterministic output is the point.
 */

const BASE64_LINE = 76;

/** Length in bytes of base64 text for `size` bytes, wrapped at 76 characters with CRLF after every line. */
export function wrappedBase64Length(size: number): number {
  const chars = 4 * Math.ceil(size / 3);
  return chars + 2 * Math.ceil(chars / BASE64_LINE);
}

export function wrapBase64(bytes: Buffer): string {
  const text = bytes.toString('base64');
  let out = '';
  for (let i = 0; i < text.length; i += BASE64_LINE) out += `${text.slice(i, i + BASE64_LINE)}\r\n`;
  return out;
}

function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** RFC 2047 "B" encoded words for non-ASCII header text; ASCII text is returned unchanged. */
export function encodeWords(text: string): string {
  if (isPrintableAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    // 45 bytes of UTF-8 keep each encoded word within the 75-character limit.
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?utf-8?B?${Buffer.from(w).toString('base64')}?=`).join(' ');
}

/** Decodes RFC 2047 encoded words (B and Q), joining adjacent words as the RFC requires. */
export function decodeWords(text: string): string {
  return text
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, charset: string, encoding: string, data: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return decodeCharset(bytes, charset);
    });
}

export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const name = (charset ?? 'utf-8').trim().toLowerCase();
  if (name === 'utf-8' || name === 'utf8' || name === 'us-ascii' || name === 'ascii')
    return bytes.toString('utf8');
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Decodes quoted-printable text given as a binary (latin1) string, one character per byte. */
export function decodeQuotedPrintable(text: string): Buffer {
  const softBreaksRemoved = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const c = softBreaksRemoved[i] ?? '';
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(c.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(out);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date-time in UTC: `Tue, 02 Aug 2006 17:30:00 +0000`. */
export function formatMimeDate(iso: string): string {
  const d = new Date(iso);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(
    d.getUTCHours(),
  )}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** Parses an RFC 5322 date to ISO 8601 UTC (seconds precision); undefined when unparseable. */
export function parseMimeDate(text: string): string | undefined {
  const ms = Date.parse(text.replace(/\s*\([^)]*\)\s*$/, '').trim());
  if (Number.isNaN(ms)) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Folds a header line at commas/spaces so no line exceeds 78 characters where that is possible. */
export function foldHeader(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (line.length <= 78) return line;
  const parts = line.split(' ');
  let out = '';
  let current = '';
  for (const part of parts) {
    if (current && current.length + 1 + part.length > 78) {
      out += `${current}\r\n`;
      current = ` ${part}`;
    } else {
      current = current ? `${current} ${part}` : part;
    }
  }
  return out + current;
}
