import type { FolderView } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { jsonBody } from '../http/graph-request.ts';
import { errors, json, noContent } from '../http/graph-response.ts';
import { isMailFolder, resolveFolder } from '../ids/graph-ids.ts';
import { collection, OUTLOOK_PAGE, takePage } from '../odata/list-paging.ts';
import { applySelect } from '../odata/select.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { mailFolderJson } from '../serialize/folder-json.ts';

/**
 * Mail folders: list the top level (https://learn.microsoft.com/graph/api/user-list-mailfolders), get by
 * id or well-known name, child folders, create (https://learn.microsoft.com/graph/api/user-post-mailfolders,
 * https://learn.microsoft.com/graph/api/mailfolder-post-childfolders), rename, move, delete.
 */
function render(folders: Iterable<FolderView>, context: MailboxContext) {
  const mail = [...folders].filter(isMailFolder);
  const page = takePage(mail, context.request, context.options, OUTLOOK_PAGE);
  const value = page.items.map((f) => applySelect(mailFolderJson(f), context.options.select));
  return json(collection(value, page.nextLink ? { '@odata.nextLink': page.nextLink } : {}));
}

function displayName(context: MailboxContext): string {
  const name = jsonBody(context.request)['displayName'];
  if (typeof name !== 'string' || !name.trim())
    throw errors.badRequest('displayName is required.', 'ErrorInvalidRequest');
  return name;
}

export function folderRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  const folder = (context: MailboxContext) =>
    resolveFolder(model, context.mailbox, context.params['folder'] ?? '');
  const root = (context: MailboxContext) => resolveFolder(model, context.mailbox, 'msgfolderroot');
  const create = (context: MailboxContext, parentId: string) => {
    const created = model.createFolder(parentId, { displayName: displayName(context) });
    return json(mailFolderJson(created), 201);
  };
  return [
    {
      method: 'GET',
      path: 'users/:user/mailFolders',
      operation: 'user-list-mailfolders',
      scope: 'mailbox',
      handle: (context) => render(model.childFolders(root(context).id), context),
    },
    {
      method: 'POST',
      path: 'users/:user/mailFolders',
      operation: 'user-post-mailfolders',
      scope: 'mailbox',
      handle: (context) => create(context, root(context).id),
    },
    {
      method: 'GET',
      path: 'users/:user/mailFolders/:folder',
      operation: 'mailfolder-get',
      scope: 'mailbox',
      handle: (context) => json(applySelect(mailFolderJson(folder(context)), context.options.select)),
    },
    {
      method: 'PATCH',
      path: 'users/:user/mailFolders/:folder',
      operation: 'mailfolder-update',
      scope: 'mailbox',
      handle: (context) =>
        json(mailFolderJson(model.updateFolder(folder(context).id, { displayName: displayName(context) }))),
    },
    {
      method: 'DELETE',
      path: 'users/:user/mailFolders/:folder',
      operation: 'mailfolder-delete',
      scope: 'mailbox',
      handle: (context) => {
        model.deleteFolder(folder(context).id, 'moveToDeletedItems');
        return noContent();
      },
    },
    {
      // https://learn.microsoft.com/graph/api/mailfolder-permanentdelete: gone for good, 204.
      method: 'POST',
      path: 'users/:user/mailFolders/:folder/permanentDelete',
      operation: 'mailfolder-permanentdelete',
      scope: 'mailbox',
      handle: (context) => {
        model.deleteFolder(folder(context).id, 'hard');
        return noContent();
      },
    },
    {
      method: 'GET',
      path: 'users/:user/mailFolders/:folder/childFolders',
      operation: 'mailfolder-list-childfolders',
      scope: 'mailbox',
      handle: (context) => render(model.childFolders(folder(context).id), context),
    },
    {
      method: 'POST',
      path: 'users/:user/mailFolders/:folder/childFolders',
      operation: 'mailfolder-post-childfolders',
      scope: 'mailbox',
      handle: (context) => create(context, folder(context).id),
    },
    {
      method: 'POST',
      path: 'users/:user/mailFolders/:folder/move',
      operation: 'mailfolder-move',
      scope: 'mailbox',
      handle: (context) => {
        const target = jsonBody(context.request)['destinationId'];
        if (typeof target !== 'string')
          throw errors.badRequest('destinationId is required.', 'ErrorInvalidRequest');
        const moved = model.moveFolder(folder(context).id, resolveFolder(model, context.mailbox, target).id);
        return json(mailFolderJson(moved), 201);
      },
    },
  ];
}
