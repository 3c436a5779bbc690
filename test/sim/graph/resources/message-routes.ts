import type { ItemView, MailboxRecord } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { jsonBody } from '../http/graph-request.ts';
import { json, noContent } from '../http/graph-response.ts';
import { isMailFolder, resolveFolder, resolveItem } from '../ids/graph-ids.ts';
import { collection, OUTLOOK_PAGE, takePage } from '../odata/list-paging.ts';
import { checkFilterOrder, checkOrderBy, sortEntries } from '../odata/order-by.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { messageJson } from '../serialize/message-json.ts';
import { messagePatch } from './message-patch.ts';
import { itemMatches, renderItem } from './render-message.ts';
import { MESSAGE_SORT } from './sortable-types.ts';

/**
 * Messages: list (https://learn.microsoft.com/graph/api/user-list-messages,
 * https://learn.microsoft.com/graph/api/mailfolder-list-messages), get, update, delete
 * (https://learn.microsoft.com/graph/api/message-delete: the message moves to Deleted Items).
 */

/** Every message route exists as `users/{id}/messages/…` and `users/{id}/mailFolders/{id}/messages/…`. */
export const MESSAGE_BASES = [
  'users/:user/messages/:message',
  'users/:user/mailFolders/:folder/messages/:message',
];

function* mailboxMessages(services: GraphServices, mailbox: MailboxRecord): Generator<ItemView> {
  for (const folder of services.model.folders(mailbox.id)) {
    if (!isMailFolder(folder) || services.model.isDumpsterFolder(folder.id)) continue;
    for (const item of services.model.items(folder.id)) if (item.kind === 'message') yield item;
  }
}

function* filtered(
  services: GraphServices,
  items: Iterable<ItemView>,
  context: MailboxContext,
): Generator<ItemView> {
  for (const item of items) {
    if (itemMatches(services, item, context.options.filter, context.options.immutableIds)) yield item;
  }
}

/** Filtered messages, sorted when `$orderby` asks for it (which reads the whole list first). */
function ordered(
  services: GraphServices,
  items: Iterable<ItemView>,
  context: MailboxContext,
): Iterable<ItemView> {
  const keys = context.options.orderBy;
  if (!keys) return filtered(services, items, context);
  checkOrderBy(keys, MESSAGE_SORT);
  checkFilterOrder(keys, context.options.filter);
  const immutable = context.options.immutableIds;
  return sortEntries(
    [...filtered(services, items, context)],
    keys,
    (item) => messageJson(item, immutable),
    MESSAGE_SORT.ranks,
  );
}

function listResponse(services: GraphServices, context: MailboxContext, items: Iterable<ItemView>) {
  const page = takePage(ordered(services, items, context), context.request, context.options, OUTLOOK_PAGE);
  const value = page.items.map((item) => renderItem(services, item, context.options));
  return json(collection(value, page.nextLink ? { '@odata.nextLink': page.nextLink } : {}));
}

export function messageRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  const item = (context: MailboxContext): ItemView =>
    resolveItem(model, context.mailbox, context.params['message'] ?? '', 'message');
  const routes: MailboxRoute[] = [
    {
      method: 'GET',
      path: 'users/:user/messages',
      operation: 'user-list-messages',
      scope: 'mailbox',
      handle: (context) => listResponse(services, context, mailboxMessages(services, context.mailbox)),
    },
    {
      method: 'GET',
      path: 'users/:user/mailFolders/:folder/messages',
      operation: 'mailfolder-list-messages',
      scope: 'mailbox',
      handle: (context) => {
        const folder = resolveFolder(model, context.mailbox, context.params['folder'] ?? '');
        return listResponse(services, context, model.items(folder.id));
      },
    },
  ];
  for (const base of MESSAGE_BASES) {
    routes.push(
      {
        method: 'GET',
        path: base,
        operation: 'message-get',
        scope: 'mailbox',
        handle: (context) => json(renderItem(services, item(context), context.options)),
      },
      {
        method: 'PATCH',
        path: base,
        operation: 'message-update',
        scope: 'mailbox',
        handle: (context) => {
          const current = item(context);
          const updated = model.updateItem(current.id, messagePatch(current, jsonBody(context.request)));
          return json(renderItem(services, updated, context.options));
        },
      },
      {
        method: 'DELETE',
        path: base,
        operation: 'message-delete',
        scope: 'mailbox',
        handle: (context) => {
          model.deleteItem(item(context).id, 'moveToDeletedItems');
          return noContent();
        },
      },
    );
  }
  return routes;
}
