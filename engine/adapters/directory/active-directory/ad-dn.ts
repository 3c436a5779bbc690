import { DnSyntaxError, escapeValue, parseDistinguishedName } from '../../../domain/distinguished-name.ts';
import { DnMalformedError } from '../directory-errors.ts';

/**
 * A DN as Active Directory accepts it. The target was validated as RFC 4514 when saved; this checks it
 * again (a value from a hand-edited store or the CLI) and also escapes "=" inside values, which RFC 4514
 * allows unescaped but AD rejects as invalid DN syntax (a group named "a=b" is CN=a\=b in AD).
 */
export function adDn(dn: string): string {
  try {
    return parseDistinguishedName(dn.trim())
      .map((rdn) => rdn.map((atv) => `${atv.type}=${escapeValue(atv.value).replace(/=/g, '\\=')}`).join('+'))
      .join(',');
  } catch (error) {
    if (error instanceof DnSyntaxError) throw new DnMalformedError(dn, error.message);
    throw error;
  }
}
