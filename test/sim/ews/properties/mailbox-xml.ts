import type { EmailAddress } from '../../model/email-address.ts';
import type { MailboxModel } from '../../model/model.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { child, childrenNamed, childText } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';

/** t:Mailbox (EmailAddressType): Name, EmailAddress, RoutingType, MailboxType. */
export type MailboxType =
  'Mailbox' | 'PublicDL' | 'PrivateDL' | 'Contact' | 'PublicFolder' | 'OneOff' | 'GroupMailbox';

export function mailboxTypeOf(model: MailboxModel, address: string): MailboxType {
  const recipient = model.recipient(address);
  if (!recipient) return 'OneOff';
  return recipient.kind === 'mailbox' ? 'Mailbox' : recipient.kind === 'group' ? 'PublicDL' : 'Contact';
}

export function writeMailbox(model: MailboxModel, address: EmailAddress, elementName = 't:Mailbox'): string {
  return el(
    elementName,
    undefined,
    textEl('t:Name', address.name) +
      textEl('t:EmailAddress', address.address) +
      textEl('t:RoutingType', 'SMTP') +
      textEl('t:MailboxType', mailboxTypeOf(model, address.address)),
  );
}

export function readMailbox(element: XmlElement | undefined): EmailAddress | undefined {
  if (!element) return undefined;
  const address = childText(element, 'EmailAddress')?.trim() ?? '';
  const name = childText(element, 'Name')?.trim() || address;
  return address ? { name, address } : undefined;
}

/** A list of t:Mailbox children (ToRecipients, CcRecipients, …). */
export function readMailboxList(element: XmlElement | undefined): EmailAddress[] {
  return childrenNamed(element, 'Mailbox')
    .map(readMailbox)
    .filter((a): a is EmailAddress => a !== undefined);
}

/** t:Attendee children (RequiredAttendees, OptionalAttendees). */
export function readAttendees(element: XmlElement | undefined): EmailAddress[] {
  return childrenNamed(element, 'Attendee')
    .map((a) => readMailbox(child(a, 'Mailbox')))
    .filter((a): a is EmailAddress => a !== undefined);
}
