import { describe, expect, it } from 'vitest';
import {
  DnSyntaxError,
  escapeValue,
  formatDistinguishedName,
  parseDistinguishedName,
} from '../../../engine/domain/distinguished-name.ts';

const canonical = (dn: string) => formatDistinguishedName(parseDistinguishedName(dn));

// RFC 4514 §3 (string representation) and §4 (examples): https://www.rfc-editor.org/rfc/rfc4514
describe('distinguished names (RFC 4514)', () => {
  it('parses the seed document example', () => {
    expect(parseDistinguishedName('CN=dlmmsgroup,CN=Users,DC=mcdev,DC=internal')).toEqual([
      [{ type: 'CN', value: 'dlmmsgroup' }],
      [{ type: 'CN', value: 'Users' }],
      [{ type: 'DC', value: 'mcdev' }],
      [{ type: 'DC', value: 'internal' }],
    ]);
  });

  it('accepts the space admins paste after commas and stores one canonical spelling', () => {
    expect(canonical('cn=Sales, ou=Groups, dc=contoso, dc=com')).toBe('CN=Sales,OU=Groups,DC=contoso,DC=com');
  });

  it('reads the RFC 4514 §4 examples', () => {
    expect(parseDistinguishedName('OU=Sales+CN=J.  Smith,DC=example,DC=net')[0]).toEqual([
      { type: 'OU', value: 'Sales' },
      { type: 'CN', value: 'J.  Smith' },
    ]);
    expect(parseDistinguishedName('CN=James \\"Jim\\" Smith\\, III,DC=example,DC=net')[0]).toEqual([
      { type: 'CN', value: 'James "Jim" Smith, III' },
    ]);
    expect(parseDistinguishedName('1.3.6.1.4.1.1466.0=#04024869,DC=example,DC=com')[0]).toEqual([
      { type: '1.3.6.1.4.1.1466.0', value: '#04024869' },
    ]);
    expect(parseDistinguishedName('CN=Lu\\C4\\8Di\\C4\\87')[0]).toEqual([{ type: 'CN', value: 'Lučić' }]);
  });

  it('keeps characters that are legal in values, such as parentheses, "*" and "="', () => {
    expect(canonical('CN=Sales (EMEA) *,OU=a=b,DC=x')).toBe('CN=Sales (EMEA) *,OU=a=b,DC=x');
  });

  it.each([
    ['', 'the DN is empty'],
    ['not a dn', 'expected "type=value"'],
    ['CN=Sales,', 'expected "type=value"'],
    ['CN=', 'the value is empty'],
    ['CN=a;DC=b', '";" must be escaped'],
    ['CN=a<b', '"<" must be escaped'],
    ['CN=a\u0000b', 'contains a control character (U+0000)'],
    ['CN=a\\zz', 'must be followed by a special character or two hex digits'],
    ['1CN=a', 'is not an attribute type'],
    ['CN=#0', 'pairs of hex digits'],
    ['CN=\\ff\\fe', 'not valid UTF-8'],
  ])('rejects %j', (dn, reason) => {
    expect(() => parseDistinguishedName(dn)).toThrow(DnSyntaxError);
    expect(() => parseDistinguishedName(dn)).toThrow(reason);
  });

  // MS-ADTS 3.1.1.5.1.2: an RDN never contains 0x0. Samba cuts "Group\00anything" at the NUL and
  // answers for the group "Group"; no directory name holds any other control character either.
  it.each([
    ['CN=Group\\00anything,OU=Groups,DC=x', 'U+0000', 9],
    ['CN=Group\\00,OU=Groups,DC=x', 'U+0000', 9],
    ['CN=Before\\0dAfter,DC=example,DC=net', 'U+000D', 10],
    ['CN=Before\\0DAfter,DC=example,DC=net', 'U+000D', 10],
    ['CN=a\\41\\1fb,DC=x', 'U+001F', 5],
    ['CN=a,OU=b\\7f,DC=x', 'U+007F', 10],
    ['CN=tab\there,DC=x', 'U+0009', 7],
    ['CN=line\nfeed,DC=x', 'U+000A', 8],
    ['CN=del\u007f,DC=x', 'U+007F', 7],
    ['CN=x+OU=y\u0001,DC=x', 'U+0001', 10],
    ['CN=#0C03610062,DC=x', 'U+0000', 4],
  ])('refuses a control character in %j, escaped or not', (dn, point, at) => {
    expect(() => parseDistinguishedName(dn)).toThrow(
      `the value contains a control character (${point}), which no directory name holds at character ${at}`,
    );
  });

  it('reads a "#" value as one BER value, and refuses anything else', () => {
    expect(parseDistinguishedName('CN=#0C03616263,DC=x')[0]).toEqual([{ type: 'CN', value: '#0C03616263' }]);
    expect(parseDistinguishedName('CN=#048103616263,DC=x')[0]).toEqual([
      { type: 'CN', value: '#048103616263' },
    ]);
    expect(() => parseDistinguishedName('CN=#0C0461,DC=x')).toThrow('one BER-encoded value');
    expect(() => parseDistinguishedName('CN=#0C,DC=x')).toThrow('one BER-encoded value');
  });

  it('keeps a trailing space escaped as hex, as it keeps one escaped with "\\"', () => {
    expect(parseDistinguishedName('CN=loopA\\20\\20,DC=x')[0]).toEqual([{ type: 'CN', value: 'loopA  ' }]);
    expect(canonical('CN=loopA\\20,DC=x')).toBe('CN=loopA\\ ,DC=x');
    expect(canonical('CN=loopA\\ ,DC=x')).toBe('CN=loopA\\ ,DC=x');
    expect(canonical('CN=loopA ,DC=x')).toBe('CN=loopA,DC=x');
  });

  it('keeps printable characters next to the refused ones', () => {
    expect(canonical('CN=Sales\\20EMEA \\e2\\82\\ac,DC=x')).toBe('CN=Sales EMEA €,DC=x');
  });

  it('escapes what must be escaped when formatting, and round-trips', () => {
    const value = ' #lead, "q" + <x>; back\\slash trail ';
    expect(escapeValue(value)).toBe('\\ #lead\\, \\"q\\" \\+ \\<x\\>\\; back\\\\slash trail\\ ');
    const dn = `CN=${escapeValue(value)},DC=x`;
    expect(parseDistinguishedName(dn)[0]).toEqual([{ type: 'CN', value }]);
  });
});
