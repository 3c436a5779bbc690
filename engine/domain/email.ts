/**
 * SMTP addresses as admins type them. We accept the dot-atom form Exchange uses for primary SMTP
 * addresses (RFC 5321 §4.1.2 without quoted local parts) and ASCII or punycode domains, and normalise
 * case and surrounding whitespace so that "Bob@Contoso.com " and "bob@contoso.com" are one mailbox.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** RFC 5321 §4.5.3.1.3: a forward path is at most 256 octets including the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Returns the reason the (already normalised) address is invalid, or undefined when it is valid. */
export function emailProblem(address: string): string | undefined {
  const shown = JSON.stringify(address.length > 80 ? `${address.slice(0, 77)}...` : address);
  if (address.length === 0) return 'is empty; expected an e-mail address such as user@contoso.com';
  if (address.length > MAX_EMAIL_LENGTH)
    return `is ${address.length} characters long; an e-mail address has at most ${MAX_EMAIL_LENGTH}`;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at !== address.indexOf('@'))
    return `${shown} is not a valid e-mail address (expected exactly one "@" with text before it)`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local))
    return `${shown} is not a valid e-mail address (the part before "@" is not valid)`;
  const labels = domain.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !TOP_LEVEL.test(last))
    return `${shown} is not a valid e-mail address (the domain "${domain}" is not valid)`;
  return undefined;
}
