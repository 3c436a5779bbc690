import type { Directory, Recipient } from './directory.ts';
import type { MailboxRecord } from './mailbox-record.ts';

/** Directory lookups across mailboxes, groups and contacts (ResolveNames, ExpandDL, Graph people/groups). */

export function mailboxRecipient(mailbox: MailboxRecord): Recipient {
  return {
    kind: 'mailbox',
    name: mailbox.displayName,
    address: mailbox.primarySmtp,
    alias: mailbox.alias,
    addresses: [mailbox.primarySmtp, ...mailbox.aliases],
    givenName: mailbox.givenName,
    surname: mailbox.surname,
  };
}

/** A group or contact by address. */
export function directoryRecipient(directory: Directory, address: string): Recipient | undefined {
  const group = directory.group(address);
  if (group)
    return {
      kind: 'group',
      name: group.displayName,
      address: group.primarySmtp,
      alias: group.alias,
      addresses: [group.primarySmtp],
    };
  const contact = directory.contact(address);
  if (contact)
    return {
      kind: 'contact',
      name: contact.displayName,
      address: contact.primarySmtp,
      alias: contact.alias,
      addresses: [contact.primarySmtp],
    };
  return undefined;
}

export function* allRecipients(
  mailboxes: Iterable<MailboxRecord>,
  directory: Directory,
): Generator<Recipient> {
  for (const mailbox of mailboxes) yield mailboxRecipient(mailbox);
  for (const group of directory.allGroups()) {
    const recipient = directoryRecipient(directory, group.primarySmtp);
    if (recipient) yield recipient;
  }
  for (const contact of directory.allContacts()) {
    const recipient = directoryRecipient(directory, contact.primarySmtp);
    if (recipient) yield recipient;
  }
}

/**
 * Ambiguous name resolution as Exchange does it: a prefix match on display name, its words, alias and
 * primary SMTP address; with an `smtp:` prefix, a prefix match on every SMTP address. At most `limit`
 * results, in directory order.
 */
export function resolveNames(recipients: Iterable<Recipient>, query: string, limit: number): Recipient[] {
  const text = query.trim().toLowerCase();
  if (!text) return [];
  const smtpOnly = text.startsWith('smtp:');
  const wanted = smtpOnly ? text.slice(5) : text;
  const out: Recipient[] = [];
  for (const recipient of recipients) {
    const candidates = smtpOnly
      ? recipient.addresses
      : [
          recipient.name,
          ...recipient.name.split(/\s+/),
          recipient.alias,
          recipient.address,
          recipient.givenName ?? '',
          recipient.surname ?? '',
        ];
    if (candidates.some((c) => c && c.toLowerCase().startsWith(wanted))) out.push(recipient);
    if (out.length >= limit) break;
  }
  return out;
}
