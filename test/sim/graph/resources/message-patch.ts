import type { EmailAddress, FlagState, Importance, ItemPatch, ItemView } from '../../model/index.ts';
import { GraphHttpError, errors } from '../http/graph-response.ts';
import { fromDateTimeTimeZone, upperFirst } from '../serialize/common-json.ts';
import { extendedPropertiesFromBody } from '../serialize/extended-properties.ts';

/**
 * PATCH body of a message → model patch. What Graph lets a client change on a message it did not draft
 * is limited: body, subject, internetMessageId and replyTo are "Updatable only if isDraft = true"
 * (https://learn.microsoft.com/graph/api/message-update); Exchange refuses such an update with
 * ErrorInvalidPropertyUpdateSentMessage.
 */
const DRAFT_ONLY = new Set(['body', 'subject', 'internetMessageId', 'replyTo']);
const IGNORED = new Set([
  'inferenceClassification',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  '@odata.type',
]);
const READ_ONLY = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'bodyPreview',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDraft',
  'webLink',
  'uniqueBody',
]);
const FLAG_STATUS: Record<string, FlagState['status']> = {
  notflagged: 'NotFlagged',
  flagged: 'Flagged',
  complete: 'Complete',
};

function addresses(value: unknown, name: string): EmailAddress[] {
  if (!Array.isArray(value)) throw errors.badRequest(`${name} must be a collection of recipients.`);
  return value.map((entry: unknown) => {
    const address = (entry as { emailAddress?: { name?: unknown; address?: unknown } })?.emailAddress;
    if (typeof address?.address !== 'string')
      throw errors.badRequest(`${name} has a recipient without an address.`);
    return {
      name: typeof address.name === 'string' ? address.name : address.address,
      address: address.address,
    };
  });
}

function flag(value: unknown): FlagState {
  const body = (value ?? {}) as Record<string, unknown>;
  const given = body['flagStatus'] ?? 'notFlagged';
  const status = typeof given === 'string' ? FLAG_STATUS[given.toLowerCase()] : undefined;
  if (!status) throw errors.badRequest(`Invalid flagStatus '${JSON.stringify(given)}'.`);
  const startAt = fromDateTimeTimeZone(body['startDateTime']);
  const dueAt = fromDateTimeTimeZone(body['dueDateTime']);
  const completedAt = fromDateTimeTimeZone(body['completedDateTime']);
  return {
    status,
    ...(startAt ? { startAt } : {}),
    ...(dueAt ? { dueAt } : {}),
    ...(completedAt ? { completedAt } : {}),
  };
}

function importance(value: unknown): Importance {
  const text = upperFirst(String(value).toLowerCase());
  if (text !== 'Low' && text !== 'Normal' && text !== 'High')
    throw errors.badRequest(`Invalid importance '${String(value)}'.`);
  return text;
}

export function messagePatch(item: Pick<ItemView, 'isDraft'>, body: Record<string, unknown>): ItemPatch {
  const patch: ItemPatch = {};
  for (const [key, value] of Object.entries(body)) {
    if (IGNORED.has(key)) continue;
    if (DRAFT_ONLY.has(key) && !item.isDraft) {
      throw new GraphHttpError(
        400,
        'ErrorInvalidPropertyUpdateSentMessage',
        'Update operation is invalid for property of a sent message.',
      );
    }
    if (READ_ONLY.has(key)) {
      throw new GraphHttpError(
        400,
        'ErrorInvalidPropertySet',
        `The property '${key}' is read-only and cannot be set.`,
      );
    }
    switch (key) {
      case 'isRead':
        if (typeof value !== 'boolean') throw errors.badRequest('isRead must be a boolean.');
        patch.isRead = value;
        break;
      case 'categories':
        if (!Array.isArray(value) || value.some((c) => typeof c !== 'string'))
          throw errors.badRequest('categories must be strings.');
        patch.categories = value as string[];
        break;
      case 'importance':
        patch.importance = importance(value);
        break;
      case 'flag':
        patch.flag = flag(value);
        break;
      case 'singleValueExtendedProperties':
        patch.setExtendedProperties = extendedPropertiesFromBody(value);
        break;
      case 'from':
      case 'sender': {
        const [address] = addresses([value], key);
        if (address) patch[key] = address;
        break;
      }
      case 'toRecipients':
        patch.to = addresses(value, key);
        break;
      case 'ccRecipients':
        patch.cc = addresses(value, key);
        break;
      case 'bccRecipients':
        patch.bcc = addresses(value, key);
        break;
      case 'subject':
        patch.subject = String(value);
        break;
      case 'body': {
        const { contentType, content } = (value ?? {}) as { contentType?: unknown; content?: unknown };
        if (typeof content !== 'string') throw errors.badRequest('body.content must be a string.');
        const html = typeof contentType === 'string' && contentType.toLowerCase() === 'html';
        patch.body = { type: html ? 'html' : 'text', content };
        break;
      }
      case 'internetMessageId':
        patch.internetMessageId = String(value);
        break;
      case 'replyTo':
        break;
      default:
        throw new GraphHttpError(
          400,
          'RequestBodyRead',
          `The property '${key}' does not exist on type 'Microsoft.OutlookServices.Message'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
        );
    }
  }
  return patch;
}
