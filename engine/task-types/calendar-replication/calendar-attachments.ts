import type { CalendarItem } from '../../ports/mailbox.ts';
import type { ReplicaCalendarItem } from '../../ports/replica-store.ts';
import type { MailboxPass } from '../task-type.ts';

/**
 * A calendar item as the replica keeps it: each attachment read from Exchange and stored in the blob
 * store by content, so the replica names it by SHA-256 (and the same file on a hundred invitations is
 * kept once).
 */
export async function toReplicaItem(
  pass: MailboxPass,
  item: CalendarItem,
  calendarName: string,
  at: string,
): Promise<ReplicaCalendarItem> {
  const attachments = [];
  for (const attachment of item.attachments) {
    const bytes = await pass.exchange.getCalendarAttachment(
      pass.mailbox,
      item.id,
      attachment.id,
      pass.signal,
    );
    const blob = await pass.platform.blobs.put(bytes);
    attachments.push({
      name: attachment.name,
      ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
      size: blob.size,
      isInline: attachment.isInline,
      sha256: blob.sha256,
    });
  }
  const { attachments: _refs, ...rest } = item;
  return { ...rest, calendarName, attachments, firstSeen: at, lastSeen: at };
}
