import type { NewAttachment } from '../../model/record-edits.ts';
import { EwsError } from '../protocol/ews-error.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { childText } from '../xml/xml-tree.ts';

/**
 * Reads a t:FileAttachment of a request (CreateAttachment, or the t:Attachments of a new item in
 * CreateItem: https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-add-attachments-by-using-ews-in-exchange).
 * Item attachments are not simulated and are refused explicitly.
 */
export function readFileAttachment(attachment: XmlElement): NewAttachment {
  if (attachment.name !== 'FileAttachment') {
    throw new EwsError(
      'ErrorInvalidItemForOperationCreateItemAttachment',
      'Only file attachments are supported by the simulator.',
    );
  }
  const name = childText(attachment, 'Name');
  const content = childText(attachment, 'Content');
  if (!name || content === undefined)
    throw new EwsError('ErrorRequiredPropertyMissing', 'Name and Content are required.');
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content))
    throw new EwsError('ErrorInvalidValueForProperty', 'Content is not base64.');
  const contentId = childText(attachment, 'ContentId');
  return {
    name,
    contentType: childText(attachment, 'ContentType') ?? 'application/octet-stream',
    content: Buffer.from(content.replace(/\s+/g, ''), 'base64'),
    isInline: childText(attachment, 'IsInline') === 'true',
    ...(contentId ? { contentId } : {}),
  };
}
