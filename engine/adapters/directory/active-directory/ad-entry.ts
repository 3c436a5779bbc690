import type { Entry } from 'ldapts';
import type { ResolvedMailbox, SkipReason } from '../../../ports/directory.ts';

/**
 * Reading AD entries as ldapts returns them (a string for one value, an array for several, Buffers for
 * binary attributes, attribute names in the server's case) and deciding what each one is for a target.
 */

/** What resolution reads of every object a group contains or an address names. */
export const OBJECT_ATTRIBUTES = [
  'objectClass',
  'userAccountControl',
  'mail',
  'proxyAddresses',
  'displayName',
  'name',
  'objectGUID',
  'msExchHideFromAddressLists',
  'msExchRecipientTypeDetails',
] as const;
export const BINARY_ATTRIBUTES = ['objectGUID'] as const;

const ACCOUNTDISABLE = 0x2;
const SECURITY_ENABLED = 0x80000000;
/** msExchRecipientTypeDetails: a mail user has an address outside this organisation, not a mailbox. */
const MAIL_USER = 128;
const SHARED_KINDS: Record<number, string> = { 4: 'shared', 16: 'room', 32: 'equipment' };

/** All values of an attribute (name matched case-insensitively) as strings. */
export function strings(entry: Entry, attribute: string): string[] {
  const raw = entry[attribute] ?? entry[findKey(entry, attribute) ?? ''];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
}

export function first(entry: Entry, attribute: string): string | undefined {
  return strings(entry, attribute)[0];
}

function findKey(entry: Entry, attribute: string): string | undefined {
  const wanted = attribute.toLowerCase();
  return Object.keys(entry).find((k) => k.toLowerCase() === wanted);
}

/** objectGUID in the form AD tools show ({xxxxxxxx-...}, without braces): the first three fields are little-endian. */
export function objectGuid(entry: Entry): string | undefined {
  const raw = entry['objectGUID'] ?? entry[findKey(entry, 'objectGUID') ?? ''];
  const buffer = Array.isArray(raw) ? raw[0] : raw;
  if (!Buffer.isBuffer(buffer) || buffer.length !== 16) return undefined;
  const hex = (from: number, to: number, reverse: boolean) => {
    const bytes = [...buffer.subarray(from, to)];
    return (reverse ? bytes.reverse() : bytes).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

export function groupKind(entry: Entry): 'security' | 'distribution' {
  const groupType = Number(first(entry, 'groupType') ?? 0);
  return (groupType & SECURITY_ENABLED) !== 0 ? 'security' : 'distribution';
}

export function objectClasses(entry: Entry): Set<string> {
  return new Set(strings(entry, 'objectClass').map((c) => c.toLowerCase()));
}

/** The primary SMTP address: the upper-case "SMTP:" proxy address, else mail. Lower-case. */
export function primarySmtp(entry: Entry): string | undefined {
  const primary = strings(entry, 'proxyAddresses').find((p) => p.startsWith('SMTP:'));
  const address = primary ? primary.slice(5) : first(entry, 'mail');
  return address?.trim().toLowerCase() || undefined;
}

/** Every SMTP address of an object (mail and smtp:/SMTP: proxies), lower-case. */
export function smtpAddresses(entry: Entry): string[] {
  const proxies = strings(entry, 'proxyAddresses')
    .filter((p) => /^smtp:/i.test(p))
    .map((p) => p.slice(5));
  return [...new Set([...strings(entry, 'mail'), ...proxies].map((a) => a.trim().toLowerCase()))];
}

export type Classified =
  | { readonly kind: 'group'; readonly dn: string }
  | { readonly kind: 'mailbox'; readonly mailbox: ResolvedMailbox }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly detail?: string };

/**
 * Whether an object is a mailbox to process. Users only: disabled accounts, users without mail and mail
 * users (external address) are left out with a reason, like contacts and computers. Nested groups are
 * returned as such for the caller to expand. Hidden mailboxes are kept (see ResolvedMailbox).
 */
export function classify(entry: Entry): Classified {
  const classes = objectClasses(entry);
  if (classes.has('group')) return { kind: 'group', dn: entry.dn };
  const mail = primarySmtp(entry);
  if (classes.has('contact'))
    return { kind: 'skip', reason: 'contact', ...(mail ? { detail: `mail contact ${mail}` } : {}) };
  if (classes.has('computer')) return { kind: 'skip', reason: 'not a user', detail: 'computer account' };
  if (!classes.has('user')) {
    const kind = strings(entry, 'objectClass').at(-1) ?? 'unknown';
    return { kind: 'skip', reason: 'not a user', detail: `a ${kind} object` };
  }
  const recipientType = Number(first(entry, 'msExchRecipientTypeDetails') ?? 0);
  if ((Number(first(entry, 'userAccountControl') ?? 0) & ACCOUNTDISABLE) !== 0) {
    const shared = SHARED_KINDS[recipientType];
    return {
      kind: 'skip',
      reason: 'account disabled',
      ...(shared
        ? { detail: `${shared} mailbox${mail ? ` ${mail}` : ''}, whose account is disabled by design` }
        : {}),
    };
  }
  if (!mail) return { kind: 'skip', reason: 'no mailbox', detail: 'the user has no e-mail address' };
  if (recipientType === MAIL_USER)
    return {
      kind: 'skip',
      reason: 'no mailbox',
      detail: `mail user ${mail} (mail goes to an external address)`,
    };
  const hidden = first(entry, 'msExchHideFromAddressLists')?.toUpperCase() === 'TRUE';
  return {
    kind: 'mailbox',
    mailbox: {
      email: mail,
      displayName: first(entry, 'displayName') ?? first(entry, 'name') ?? mail,
      directoryId: objectGuid(entry) ?? entry.dn,
      ...(hidden ? { hiddenFromAddressLists: true } : {}),
    },
  };
}
