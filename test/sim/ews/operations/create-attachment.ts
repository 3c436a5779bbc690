import type { EwsContext } from '../context.ts';
import { resolveItem } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { readFileAttachment } from '../properties/read-attachment.ts';
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
        const input = readFileAttachment(attachment);
        const { item, attachment: created } = viaModel(() =>
          ctx.model.addAttachment(parentId as string, input),
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
