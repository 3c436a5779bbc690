import { randomUUID } from 'node:crypto';
import type { FolderView, MailboxRecord, NewItem } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { jsonBody } from '../http/graph-request.ts';
import { errors, GraphHttpError, json } from '../http/graph-response.ts';
import { isMailFolder, resolveFolder } from '../ids/graph-ids.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { messagePatch } from './message-patch.ts';
import { renderItem } from './render-message.ts';

/**
 * Creating messages: `POST /users/{id}/messages` saves a draft in Drafts
 * (https://learn.microsoft.com/graph/api/user-post-messages), `POST /users/{id}/mailFolders/{id}/messages`
 * saves it in that folder (https://learn.microsoft.com/graph/api/mailfolder-post-messages). Both answer
 * 201 Created with the new message, a draft (isDraft true) with its id, changeKey and an
 * internetMessageId Exchange assigns. The body takes the message properties a draft may set (the same
 * rules as PATCH on a draft). MIME bodies (text/plain, base64) are not simulated and answer 415.
 */
function newMessage(mailbox: MailboxRecord, body: Record<string, unknown>): NewItem {
  const {
    setExtendedProperties,
    removeExtendedProperties: _unused,
    ...fields
  } = messagePatch({ isDraft: true }, body);
  const domain = mailbox.primarySmtp.split('@')[1] ?? 'example.test';
  return {
    kind: 'message',
    ...fields,
    internetMessageId: fields.internetMessageId ?? `<${randomUUID().replace(/-/g, '')}@${domain}>`,
    isDraft: true,
    isRead: true,
    ...(setExtendedProperties ? { extendedProperties: setExtendedProperties } : {}),
  };
}

function create(services: GraphServices, context: MailboxContext, folder: FolderView) {
  if (!isMailFolder(folder)) throw errors.notFound();
  const contentType = (context.request.headers['content-type'] ?? 'application/json').toLowerCase();
  if (!contentType.includes('json')) {
    throw new GraphHttpError(
      415,
      'ErrorUnsupportedMediaType',
      'The simulator creates messages from JSON only (MIME bodies are not simulated).',
    );
  }
  const created = services.model.createItem(
    folder.id,
    newMessage(context.mailbox, jsonBody(context.request)),
  );
  return json(renderItem(services, created, context.options), 201);
}

export function messageCreateRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  return [
    {
      method: 'POST',
      path: 'users/:user/messages',
      operation: 'user-post-messages',
      scope: 'mailbox',
      handle: (context) => create(services, context, resolveFolder(model, context.mailbox, 'drafts')),
    },
    {
      method: 'POST',
      path: 'users/:user/mailFolders/:folder/messages',
      operation: 'mailfolder-post-messages',
      scope: 'mailbox',
      handle: (context) =>
        create(services, context, resolveFolder(model, context.mailbox, context.params['folder'] ?? '')),
    },
  ];
}
