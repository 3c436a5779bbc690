import type { AttachmentView, ItemView } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { jsonBody } from '../http/graph-request.ts';
import { bytes, errors, json, noContent } from '../http/graph-response.ts';
import { resolveItem } from '../ids/graph-ids.ts';
import { applySelect } from '../odata/select.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { attachmentJson } from '../serialize/attachment-json.ts';
import { resolveEvent } from './event-target.ts';
import { MESSAGE_BASES } from './message-routes.ts';

/**
 * Attachments of messages and events: list, get, raw `$value`, add, delete (204)
 * (https://learn.microsoft.com/graph/api/message-list-attachments,
 * https://learn.microsoft.com/graph/api/attachment-get, https://learn.microsoft.com/graph/api/attachment-delete).
 */
export const EVENT_BASES = [
  'users/:user/events/:event',
  'users/:user/calendar/events/:event',
  'users/:user/calendars/:calendar/events/:event',
];

interface Owner {
  base: string;
  param: 'message' | 'event';
  kind: ItemView['kind'];
}

const OWNERS: Owner[] = [
  ...MESSAGE_BASES.map((base): Owner => ({ base, param: 'message', kind: 'message' })),
  ...EVENT_BASES.map((base): Owner => ({ base, param: 'event', kind: 'calendar' })),
];

function findAttachment(item: ItemView, id: string | undefined): AttachmentView {
  const attachment = item.attachments.find((a) => a.id === id);
  if (!attachment) throw errors.notFound();
  return attachment;
}

export function attachmentRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  const routes: MailboxRoute[] = [];
  for (const owner of OWNERS) {
    // An exception of a series is served with the master's attachments (the model keeps one set per series).
    const item = (context: MailboxContext) =>
      owner.param === 'event'
        ? resolveEvent(model, context.mailbox, context.params['event'] ?? '').master
        : resolveItem(model, context.mailbox, context.params[owner.param] ?? '', owner.kind);
    const content = (view: AttachmentView) => model.attachment(view.id)?.content;
    const noun = owner.kind === 'message' ? 'message' : 'event';
    routes.push(
      {
        method: 'GET',
        path: `${owner.base}/attachments`,
        operation: `${noun}-list-attachments`,
        scope: 'mailbox',
        handle: (context) => {
          const value = item(context).attachments.map((a) =>
            applySelect(attachmentJson(a, content(a)), context.options.select),
          );
          return json({ value });
        },
      },
      {
        method: 'GET',
        path: `${owner.base}/attachments/:attachment`,
        operation: 'attachment-get',
        scope: 'mailbox',
        handle: (context) => {
          const attachment = findAttachment(item(context), context.params['attachment']);
          return json(applySelect(attachmentJson(attachment, content(attachment)), context.options.select));
        },
      },
      {
        method: 'GET',
        path: `${owner.base}/attachments/:attachment/$value`,
        operation: 'attachment-get-value',
        scope: 'mailbox',
        handle: (context) => {
          const attachment = findAttachment(item(context), context.params['attachment']);
          return bytes(content(attachment) ?? Buffer.alloc(0), attachment.contentType);
        },
      },
      {
        method: 'DELETE',
        path: `${owner.base}/attachments/:attachment`,
        operation: 'attachment-delete',
        scope: 'mailbox',
        handle: (context) => {
          model.deleteAttachment(findAttachment(item(context), context.params['attachment']).id);
          return noContent();
        },
      },
      {
        method: 'POST',
        path: `${owner.base}/attachments`,
        operation: `${noun}-post-attachments`,
        scope: 'mailbox',
        handle: (context) => {
          const body = jsonBody(context.request);
          if (body['@odata.type'] !== '#microsoft.graph.fileAttachment') {
            throw errors.badRequest(
              'Only #microsoft.graph.fileAttachment is supported.',
              'ErrorInvalidRequest',
            );
          }
          if (typeof body['name'] !== 'string' || typeof body['contentBytes'] !== 'string') {
            throw errors.badRequest('A file attachment needs name and contentBytes.', 'ErrorInvalidRequest');
          }
          const added = model.addAttachment(item(context).id, {
            name: body['name'],
            content: Buffer.from(body['contentBytes'], 'base64'),
            ...(typeof body['contentType'] === 'string' ? { contentType: body['contentType'] } : {}),
            ...(typeof body['isInline'] === 'boolean' ? { isInline: body['isInline'] } : {}),
            ...(typeof body['contentId'] === 'string' ? { contentId: body['contentId'] } : {}),
          });
          return json(attachmentJson(added.attachment, content(added.attachment)), 201);
        },
      },
    );
  }
  return routes;
}
