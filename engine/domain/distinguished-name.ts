/**
 * RFC 4514 distinguished names. Admins paste group DNs from ADUC or PowerShell, often with a space after
 * each comma; we accept that (RFC 4514 §3 allows recognising other forms), reject everything else that
 * RFC 4514 §3 does not allow, and store one canonical spelling so the same group is one string.
 */
export interface AttributeTypeAndValue {
  readonly type: string;
  readonly value: string;
}
export type RelativeDistinguishedName = readonly AttributeTypeAndValue[];

export class DnSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at character ${position + 1}`);
  }
}

const DESCR = /^[A-Za-z][A-Za-z0-9-]*$/;
const NUMERIC_OID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/;
const SPECIAL = new Set(['"', '+', ',', ';', '<', '>', '\\']);
const HEX = /^[0-9A-Fa-f]{2}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const MAX_DN_LENGTH = 2048;

export function parseDistinguishedName(text: string): RelativeDistinguishedName[] {
  const parser = new DnParser(text);
  return parser.parse();
}

/** The canonical spelling: attribute types upper-cased, no optional spaces, minimal RFC 4514 escaping. */
export function formatDistinguishedName(rdns: readonly RelativeDistinguishedName[]): string {
  return rdns.map((rdn) => rdn.map((atv) => `${atv.type}=${escapeValue(atv.value)}`).join('+')).join(',');
}

export function escapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const edge = (i === 0 && (ch === ' ' || ch === '#')) || (i === value.length - 1 && ch === ' ');
    if (ch === '\0') out += '\\00';
    else if (SPECIAL.has(ch) || edge) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/**
 * Control characters (U+0000-U+001F, U+007F) are refused in values, escaped or not. RFC 4514 can carry
 * them, but no directory name holds one (MS-ADTS: an RDN never contains 0x0), and a DC that cuts a value
 * at a NUL would answer for another object: `CN=Group\00x` is not the group "Group".
 */
function controlReason(code: number): string {
  const point = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `the value contains a control character (${point}), which no directory name holds`;
}

/** The content octets of one BER value (tag, definite length, content), or undefined when it is not one. */
function berContent(bytes: Uint8Array): Uint8Array | undefined {
  const first = bytes[1];
  if (bytes.length < 2 || first === undefined) return undefined;
  let offset = 2;
  let length = first;
  if (first > 0x80 && first <= 0x84) {
    length = 0;
    for (let i = 0; i < first - 0x80; i++) length = length * 256 + (bytes[offset++] ?? NaN);
  } else if (first >= 0x80) return undefined;
  return offset + length === bytes.length ? bytes.subarray(offset) : undefined;
}

class DnParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): RelativeDistinguishedName[] {
    if (this.text.trim().length === 0) throw new DnSyntaxError('the DN is empty', 0);
    const rdns: RelativeDistinguishedName[] = [];
    for (;;) {
      rdns.push(this.rdn());
      if (this.pos >= this.text.length) return rdns;
      const ch = this.text[this.pos];
      if (ch !== ',') throw new DnSyntaxError(`unexpected "${ch}"`, this.pos);
      this.pos++;
      this.skipSpaces();
    }
  }

  private rdn(): RelativeDistinguishedName {
    const parts: AttributeTypeAndValue[] = [this.attributeTypeAndValue()];
    while (this.text[this.pos] === '+') {
      this.pos++;
      this.skipSpaces();
      parts.push(this.attributeTypeAndValue());
    }
    return parts;
  }

  private attributeTypeAndValue(): AttributeTypeAndValue {
    const start = this.pos;
    const eq = this.text.indexOf('=', start);
    if (eq < 0) throw new DnSyntaxError('expected "type=value"', start);
    const type = this.text.slice(start, eq).trimEnd();
    if (!DESCR.test(type) && !NUMERIC_OID.test(type))
      throw new DnSyntaxError(`"${type}" is not an attribute type`, start);
    this.pos = eq + 1;
    const value = this.text[this.pos] === '#' ? this.hexValue() : this.stringValue();
    return { type: DESCR.test(type) ? type.toUpperCase() : type, value };
  }

  private hexValue(): string {
    const start = this.pos;
    this.pos++;
    let hex = '';
    while (this.pos < this.text.length && !',+'.includes(this.text[this.pos] as string))
      hex += this.text[this.pos++];
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex))
      throw new DnSyntaxError('a "#" value must be followed by pairs of hex digits', start);
    const content = berContent(Uint8Array.from(hex.match(/../g)!.map((pair) => parseInt(pair, 16))));
    if (content === undefined)
      throw new DnSyntaxError('a "#" value must be one BER-encoded value (RFC 4514 §2.4)', start);
    const control = content.find((byte) => byte < 0x20 || byte === 0x7f);
    if (control !== undefined) throw new DnSyntaxError(controlReason(control), start);
    return `#${hex}`;
  }

  private stringValue(): string {
    const start = this.pos;
    let value = '';
    let lastEscapedSpace = -1;
    let firstEscaped = false;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] as string;
      if (ch === ',' || ch === '+') break;
      if (ch === '\\') {
        if (value.length === 0) firstEscaped = true;
        const next = this.text[this.pos + 1];
        const pair = this.text.slice(this.pos + 1, this.pos + 3);
        if (next !== undefined && (SPECIAL.has(next) || next === ' ' || next === '#' || next === '=')) {
          value += next;
          if (next === ' ') lastEscapedSpace = value.length - 1;
          this.pos += 2;
        } else if (HEX.test(pair)) {
          const escapeStart = this.pos;
          const decoded = this.hexEscapes();
          const control = CONTROL.exec(decoded)?.[0];
          if (control !== undefined)
            throw new DnSyntaxError(controlReason(control.charCodeAt(0)), escapeStart);
          value += decoded;
          // "\20" is as escaped as "\ ": a trailing space written so is part of the value.
          if (decoded.endsWith(' ')) lastEscapedSpace = value.length - 1;
        } else {
          throw new DnSyntaxError('"\\" must be followed by a special character or two hex digits', this.pos);
        }
        continue;
      }
      if (CONTROL.test(ch)) throw new DnSyntaxError(controlReason(ch.charCodeAt(0)), this.pos);
      if (ch === '"' || ch === '<' || ch === '>' || ch === ';')
        throw new DnSyntaxError(`"${ch}" must be escaped`, this.pos);
      value += ch;
      this.pos++;
    }
    // Unescaped trailing spaces are not part of the value (RFC 4514 §3: a trailing space must be escaped).
    let end = value.length;
    while (end > 0 && value[end - 1] === ' ' && end - 1 > lastEscapedSpace) end--;
    value = value.slice(0, end);
    if (value.length === 0) throw new DnSyntaxError('the value is empty', start);
    if (value.startsWith(' ') && !firstEscaped)
      throw new DnSyntaxError('a leading space in a value must be escaped', start);
    return value;
  }

  /** Consecutive \XX escapes form one UTF-8 sequence. */
  private hexEscapes(): string {
    const bytes: number[] = [];
    while (this.text[this.pos] === '\\' && HEX.test(this.text.slice(this.pos + 1, this.pos + 3))) {
      bytes.push(parseInt(this.text.slice(this.pos + 1, this.pos + 3), 16));
      this.pos += 3;
    }
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes));
    if (decoded.includes('\uFFFD')) throw new DnSyntaxError('hex escapes are not valid UTF-8', this.pos);
    return decoded;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }
}
