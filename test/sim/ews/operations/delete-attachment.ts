import type { EwsContext } from '../context.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { el } from '../xml/xml-writer.ts';
import { resolveAttachmentId } from './attachment-ids.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * DeleteAttachment: https://learn.microsoft.com/exchange/client-developer/web-service-reference/deleteattachment-operation
 * Answers the parent item's RootItemId and new RootItemChangeKey; the item's MIME no longer contains the part.
 */
export const deleteAttachment: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'DeleteAttachment';
    const messages = required(ctx.request, 'AttachmentIds').children.map((idElement) =>
      perItem(op, () => {
        const id = resolveAttachmentId(ctx, idElement);
        const item = viaModel(() => ctx.model.deleteAttachment(id));
        return successMessage(
          op,
          el('m:RootItemId', { RootItemId: item.id, RootItemChangeKey: item.changeKey }),
        );
      }),
    );
    return responseEnvelope(op, messages);
  },
};
