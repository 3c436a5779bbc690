import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolderIn, resolveItem } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { writeItemId } from '../properties/write-item.ts';
import { el } from '../xml/xml-writer.ts';
import { boolAttr, required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * MoveItem: https://learn.microsoft.com/exchange/client-developer/web-service-reference/moveitem-operation
 * The moved item has a new ItemId, returned unless ReturnNewItemIds is false.
 */
export const moveItem: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'MoveItem';
    const returnIds = boolAttr(ctx.request, 'ReturnNewItemIds', true);
    const target = required(ctx.request, 'ToFolderId');
    const messages = required(ctx.request, 'ItemIds').children.map((idElement) =>
      perItem(op, () => {
        const destination = (() => {
          try {
            return resolveFolderIn(ctx, target, 'ErrorToFolderNotFound');
          } catch (error) {
            if (error instanceof EwsError && error.code === 'ErrorFolderNotFound')
              throw new EwsError('ErrorToFolderNotFound');
            throw error;
          }
        })();
        const item = resolveItem(ctx, idElement);
        const moved = viaModel(() => ctx.model.moveItem(item.id, destination.id));
        return successMessage(op, el('m:Items', undefined, returnIds ? writeItemId(moved) : ''));
      }),
    );
    return responseEnvelope(op, messages);
  },
};
