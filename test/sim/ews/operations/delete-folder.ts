import type { DeleteMode } from '../../model/model.ts';
import type { EwsContext } from '../context.ts';
import { resolveFolder } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import { enumAttr, required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * DeleteFolder: https://learn.microsoft.com/exchange/client-developer/web-service-reference/deletefolder-operation
 * Distinguished folders cannot be deleted (ErrorDeleteDistinguishedFolder). Folders cannot be
 * soft-deleted into the dumpster: HardDelete and SoftDelete remove them, MoveToDeletedItems moves them
 * (https://learn.microsoft.com/exchange/client-developer/exchange-web-services/deleting-items-by-using-ews-in-exchange).
 */
export const MODES: Record<string, DeleteMode> = {
  HardDelete: 'hard',
  SoftDelete: 'soft',
  MoveToDeletedItems: 'moveToDeletedItems',
};

export const deleteFolder: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'DeleteFolder';
    const deleteType = enumAttr(ctx.request, 'DeleteType', [
      'HardDelete',
      'SoftDelete',
      'MoveToDeletedItems',
    ] as const);
    if (!deleteType) throw schemaValidationFault("The required attribute 'DeleteType' is missing.");
    const mode = MODES[deleteType] ?? 'hard';
    const messages = required(ctx.request, 'FolderIds').children.map((idElement) =>
      perItem(op, () => {
        const folder = resolveFolder(ctx, idElement);
        viaModel(() => ctx.model.deleteFolder(folder.id, mode));
        return successMessage(op);
      }),
    );
    return responseEnvelope(op, messages);
  },
};
