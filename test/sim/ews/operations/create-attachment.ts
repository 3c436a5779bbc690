import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveItem } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { childText } from '../xml/xml-tree.ts';
import { el } from '../xml/xml-writer.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * CreateAttachment: https://learn.microsoft.com/exchange/client-developer/web-service-reference/createattachment-operation
 * Each new attachment's id comes back with the parent's RootItemId and new RootItemChangeKey.
 */
export const createAttachment: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'CreateAttachment';
    const parentElement = required(ctx.request, 'ParentItemId');
    let parentId: string | undefined;
    const messages = required(ctx.request, 'Attachments').children.map((attachment) =>
      perItem(op, () => {
        parentId ??= resolveItem(ctx, { ...parentElement, name: 'ItemId' }).id;
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
        const { item, attachment: created } = viaModel(() =>
          ctx.model.addAttachment(parentId as string, {
            name,
            contentType: childText(attachment, 'ContentType') ?? 'application/octet-stream',
            content: Buffer.from(content.replace(/\s+/g, ''), 'base64'),
            isInline: childText(attachment, 'IsInline') === 'true',
            ...(contentId ? { contentId } : {}),
          }),
        );
        // Later attachments of the same request hang off the item under its (unchanged) id.
        parentId = item.id;
        return successMessage(
          op,
          el(
            'm:Attachments',
            undefined,
            el(
              't:FileAttachment',
              undefined,
              el('t:AttachmentId', {
                Id: created.id,
                RootItemId: item.id,
                RootItemChangeKey: item.changeKey,
              }),
            ),
          ),
        );
      }),
    );
    return responseEnvelope(op, messages);
  },
};
