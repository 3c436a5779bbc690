import type { FolderView } from '../../model/views.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolder } from '../protocol/ids.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { parseShape } from '../properties/shape.ts';
import { writeFolder } from '../properties/write-folder.ts';
import { folderPathCompiler } from '../search/property-path.ts';
import { compileRestriction } from '../search/restriction.ts';
import { child } from '../xml/xml-tree.ts';
import { el } from '../xml/xml-writer.ts';
import { enumAttr, required } from './common.ts';
import type { OperationSpec } from './operation.ts';
import { pageOf, parsePaging } from './paging.ts';

/**
 * FindFolder: https://learn.microsoft.com/exchange/client-developer/web-service-reference/findfolder-operation
 * Shallow lists children, Deep all descendants (depth first); EWSFindCountLimit caps a page.
 */
export const findFolder: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const traversal = enumAttr(ctx.request, 'Traversal', ['Shallow', 'Deep', 'SoftDeleted'] as const);
    const shape = parseShape(child(ctx.request, 'FolderShape'), 'FolderShape');
    const paging = parsePaging(
      child(ctx.request, 'IndexedPageFolderView'),
      child(ctx.request, 'FractionalPageFolderView'),
    );
    const restriction = child(ctx.request, 'Restriction');
    const predicate = restriction
      ? compileRestriction<FolderView>(restriction, folderPathCompiler())
      : undefined;
    const parents = required(ctx.request, 'ParentFolderIds').children;
    const messages = parents.map((parentElement) =>
      perItem('FindFolder', () => {
        if (traversal === 'SoftDeleted')
          throw new EwsError('ErrorInvalidOperation', 'SoftDeleted traversal is not supported.');
        const parent = resolveFolder(ctx, parentElement);
        const all =
          traversal === 'Deep' ? ctx.model.descendantFolders(parent.id) : ctx.model.childFolders(parent.id);
        const matching = predicate ? all.filter(predicate) : all;
        const page = pageOf(ctx, matching, paging, restriction !== undefined);
        const folders = page.items.map((f) => writeFolder(ctx.model, f, shape)).join('');
        return successMessage(
          'FindFolder',
          el('m:RootFolder', page.attrs, el('t:Folders', undefined, folders)),
        );
      }),
    );
    return responseEnvelope('FindFolder', messages);
  },
};
