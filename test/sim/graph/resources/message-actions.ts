import type { GraphServices } from '../graph-services.ts';
import { jsonBody } from '../http/graph-request.ts';
import { bytes, errors, json, noContent } from '../http/graph-response.ts';
import { resolveFolder, resolveItem } from '../ids/graph-ids.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { MESSAGE_BASES } from './message-routes.ts';
import { renderItem } from './render-message.ts';

/**
 * Message actions: move and copy (201 with the message in its new folder; a moved message has a new id
 * unless ImmutableId is asked for, https://learn.microsoft.com/graph/api/message-move),
 * permanentDelete (204; the message goes to Recoverable Items\Purges,
 * https://learn.microsoft.com/graph/api/message-permanentdelete), and `$value`, the MIME content
 * (https://learn.microsoft.com/graph/outlook-get-mime-message).
 */
function destination(context: MailboxContext, services: GraphServices): string {
  const target = jsonBody(context.request)['destinationId'];
  if (typeof target !== 'string' || !target)
    throw errors.badRequest('destinationId is required.', 'ErrorInvalidRequest');
  return resolveFolder(services.model, context.mailbox, target).id;
}

export function messageActionRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  const item = (context: MailboxContext) =>
    resolveItem(model, context.mailbox, context.params['message'] ?? '', 'message');
  const routes: MailboxRoute[] = [];
  for (const base of MESSAGE_BASES) {
    routes.push(
      {
        method: 'POST',
        path: `${base}/move`,
        operation: 'message-move',
        scope: 'mailbox',
        handle: (context) => {
          const moved = model.moveItem(item(context).id, destination(context, services));
          return json(renderItem(services, moved, context.options), 201);
        },
      },
      {
        method: 'POST',
        path: `${base}/copy`,
        operation: 'message-copy',
        scope: 'mailbox',
        handle: (context) => {
          const copy = model.copyItem(item(context).id, destination(context, services));
          return json(renderItem(services, copy, context.options), 201);
        },
      },
      {
        method: 'POST',
        path: `${base}/permanentDelete`,
        operation: 'message-permanentdelete',
        scope: 'mailbox',
        handle: (context) => {
          model.deleteItem(item(context).id, 'hard');
          return noContent();
        },
      },
      {
        method: 'GET',
        path: `${base}/$value`,
        operation: 'message-get-mime',
        scope: 'mailbox',
        handle: (context) => bytes(model.mime(item(context).id), 'text/plain'),
      },
    );
  }
  return routes;
}
