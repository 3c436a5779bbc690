import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolder, resolveFolderIn } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { writeFolderId } from '../properties/write-folder.ts';
import { el } from '../xml/xml-writer.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * MoveFolder: https://learn.microsoft.com/exchange/client-developer/web-service-reference/movefolder-operation
 * "You cannot move distinguished folders" (ErrorMoveDistinguishedFolder). The folder keeps its id (as in
 * Microsoft's response example), gets a new ChangeKey and is reported as an Update by SyncFolderHierarchy.
 */
export const moveFolder: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'MoveFolder';
    const target = required(ctx.request, 'ToFolderId');
    const messages = required(ctx.request, 'FolderIds').children.map((idElement) =>
      perItem(op, () => {
        let destination;
        try {
          destination = resolveFolderIn(ctx, target, 'ErrorToFolderNotFound');
        } catch (error) {
          if (error instanceof EwsError && error.code === 'ErrorFolderNotFound')
            throw new EwsError('ErrorToFolderNotFound');
          throw error;
        }
        const folder = resolveFolder(ctx, idElement);
        const moved = viaModel(() => ctx.model.moveFolder(folder.id, destination.id), {
          distinguishedFolder: 'ErrorMoveDistinguishedFolder',
        });
        return successMessage(op, el('m:Folders', undefined, writeFolderId(moved)));
      }),
    );
    return responseEnvelope(op, messages);
  },
};
