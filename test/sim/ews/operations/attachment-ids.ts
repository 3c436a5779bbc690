import { decodeAttachmentId, idKind } from '../../model/ids.ts';
import type { EwsContext } from '../context.ts';
import { actingMailbox } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import type { XmlElement } from '../xml/xml-tree.ts';

/** Resolves a t:AttachmentId to the attachment id, checking it belongs to the acting mailbox. */
export function resolveAttachmentId(ctx: EwsContext, element: XmlElement): string {
  const id = element.attrs['Id'] ?? '';
  if (!id) throw new EwsError('ErrorInvalidIdEmpty');
  const kind = idKind(id);
  if (kind === undefined) throw new EwsError('ErrorInvalidIdMalformed');
  if (kind !== 'attachment') throw new EwsError('ErrorInvalidIdNotAnItemAttachmentId');
  const decoded = decodeAttachmentId(id);
  const owner = decoded ? ctx.model.mailboxAt(decoded.item.mailbox) : undefined;
  if (!owner || owner.id !== actingMailbox(ctx).id) throw new EwsError('ErrorInvalidAttachmentId');
  return id;
}
