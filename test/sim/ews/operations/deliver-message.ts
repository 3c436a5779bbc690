import type { EmailAddress } from '../../model/email-address.ts';
import type { MailboxModel } from '../../model/model.ts';

/**
 * Local delivery for messages sent through EWS: every recipient that is a mailbox in the model gets the
 * MIME in its Inbox, unread; distribution groups expand (nested ones too, each group once). External
 * recipients are dropped, as if relayed elsewhere.
 */
export function deliver(
  model: MailboxModel,
  mime: Buffer,
  recipients: readonly EmailAddress[],
  receivedAt: string,
): number {
  const mailboxes = new Set<string>();
  const seenGroups = new Set<string>();
  const visit = (address: string): void => {
    const recipient = model.recipient(address);
    if (!recipient) return;
    if (recipient.kind === 'mailbox') mailboxes.add(recipient.address.toLowerCase());
    if (recipient.kind === 'group' && !seenGroups.has(recipient.address.toLowerCase())) {
      seenGroups.add(recipient.address.toLowerCase());
      for (const member of model.groupMembers(recipient.address) ?? []) visit(member.address);
    }
  };
  for (const r of recipients) visit(r.address);
  for (const address of mailboxes) {
    const inbox = model.wellKnownFolder(address, 'inbox');
    if (inbox) model.createItem(inbox.id, { mime, isRead: false, isDraft: false, receivedAt });
  }
  return mailboxes.size;
}
