import { bool, mailboxElement, recipients, simple } from './property-builders.ts';
import type { ItemPropertyDef } from './property-types.ts';

/**
 * MessageType properties in schema order
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/message-ex15websvcsotherref).
 */
export const MESSAGE_PROPERTIES: readonly ItemPropertyDef[] = [
  mailboxElement(
    'message:Sender',
    'message',
    (i) => i.sender,
    (a) => (a ? { sender: a } : {}),
  ),
  recipients('message:ToRecipients', 'to'),
  recipients('message:CcRecipients', 'cc'),
  recipients('message:BccRecipients', 'bcc'),
  simple('message:IsReadReceiptRequested', 'message', 'boolean', () => false),
  simple('message:IsDeliveryReceiptRequested', 'message', 'boolean', () => false),
  simple('message:ConversationTopic', 'message', 'string', (i) =>
    i.subject.replace(/^((re|fw|fwd|aw|sv|wg)\s*:\s*)+/i, ''),
  ),
  mailboxElement(
    'message:From',
    'message',
    (i) => i.from,
    (a) => (a ? { from: a } : {}),
    ['message'],
  ),
  simple('message:InternetMessageId', 'message', 'string', (i) => i.internetMessageId, {
    read: (e) => ({ internetMessageId: e.text.trim() }),
  }),
  simple('message:IsRead', 'message', 'boolean', (i) => i.isRead, {
    inDefault: ['message'],
    read: (e) => ({ isRead: bool(e.text) }),
  }),
];
