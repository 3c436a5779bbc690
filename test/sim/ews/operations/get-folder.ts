import type { EwsContext } from '../context.ts';
import { resolveFolder } from '../protocol/ids.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { parseShape } from '../properties/shape.ts';
import { writeFolder } from '../properties/write-folder.ts';
import { el } from '../xml/xml-writer.ts';
import { child } from '../xml/xml-tree.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/** GetFolder: https://learn.microsoft.com/exchange/client-developer/web-service-reference/getfolder-operation */
export const getFolder: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const shape = parseShape(child(ctx.request, 'FolderShape'), 'FolderShape');
    const ids = required(ctx.request, 'FolderIds').children;
    const messages = ids.map((id) =>
      perItem('GetFolder', () => {
        const folder = resolveFolder(ctx, id);
        return successMessage('GetFolder', el('m:Folders', undefined, writeFolder(ctx.model, folder, shape)));
      }),
    );
    return responseEnvelope('GetFolder', messages);
  },
};
