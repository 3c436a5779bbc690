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
    expect(parseDistinguishedName('CN=Before\\0dAfter,DC=example,DC=net')[0]).toEqual([
      { type: 'CN', value: 'Before\rAfter' },
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
    ['CN=a\u0000b', '"NUL" must be escaped'],
    ['CN=a\\zz', 'must be followed by a special character or two hex digits'],
    ['1CN=a', 'is not an attribute type'],
    ['CN=#0', 'pairs of hex digits'],
    ['CN=\\ff\\fe', 'not valid UTF-8'],
  ])('rejects %j', (dn, reason) => {
    expect(() => parseDistinguishedName(dn)).toThrow(DnSyntaxError);
    expect(() => parseDistinguishedName(dn)).toThrow(reason);
  });

  it('escapes what must be escaped when formatting, and round-trips', () => {
    const value = ' #lead, "q" + <x>; back\\slash trail ';
    expect(escapeValue(value)).toBe('\\ #lead\\, \\"q\\" \\+ \\<x\\>\\; back\\\\slash trail\\ ');
    const dn = `CN=${escapeValue(value)},DC=x`;
    expect(parseDistinguishedName(dn)[0]).toEqual([{ type: 'CN', value }]);
  });
});
