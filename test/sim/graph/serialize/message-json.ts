import type { FlagState, ItemView } from '../../model/index.ts';
import { graphItemId } from '../ids/graph-ids.ts';
import {
  bodyPreview,
  dateTimeTimeZone,
  derivedId,
  etag,
  lowerFirst,
  recipient,
  recipients,
} from './common-json.ts';

/**
 * An item as a Graph `message` (https://learn.microsoft.com/graph/api/resources/message). v1.0 messages
 * have no sensitivity property; clients read PR_SENSITIVITY as the extended property `Integer 0x36`.
 */
export const MESSAGE_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'uniqueBody',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
  'attachments',
  'singleValueExtendedProperties',
  'multiValueExtendedProperties',
  'extensions',
  'internetMessageHeaders',
];

const FLAG_STATUS = { NotFlagged: 'notFlagged', Flagged: 'flagged', Complete: 'complete' } as const;

export function flagJson(flag: FlagState): Record<string, unknown> {
  return {
    flagStatus: FLAG_STATUS[flag.status],
    ...(flag.startAt ? { startDateTime: dateTimeTimeZone(flag.startAt) } : {}),
    ...(flag.dueAt ? { dueDateTime: dateTimeTimeZone(flag.dueAt) } : {}),
    ...(flag.completedAt ? { completedDateTime: dateTimeTimeZone(flag.completedAt) } : {}),
  };
}

/** Conversation ids group replies by normalised subject (the model has no conversation index). */
function conversationId(subject: string): string {
  return derivedId(
    'AAQk',
    subject
      .replace(/^((re|fw|fwd|aw|wg):\s*)+/i, '')
      .trim()
      .toLowerCase(),
  );
}

export function messageJson(item: ItemView, immutableIds: boolean): Record<string, unknown> {
  const id = graphItemId(item, immutableIds);
  return {
    '@odata.type': '#microsoft.graph.message',
    '@odata.etag': etag(item.changeKey),
    id,
    createdDateTime: item.createdAt,
    lastModifiedDateTime: item.lastModifiedAt,
    changeKey: item.changeKey,
    categories: [...item.categories],
    receivedDateTime: item.receivedAt,
    sentDateTime: item.sentAt ?? null,
    hasAttachments: item.hasAttachments,
    internetMessageId: item.internetMessageId ?? null,
    subject: item.subject,
    bodyPreview: bodyPreview(item.body),
    importance: lowerFirst(item.importance),
    parentFolderId: item.folderId,
    conversationId: conversationId(item.subject),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: item.isRead,
    isDraft: item.isDraft,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body: { contentType: item.body.type, content: item.body.content },
    sender: recipient(item.sender),
    from: recipient(item.from),
    toRecipients: recipients(item.to),
    ccRecipients: recipients(item.cc),
    bccRecipients: recipients(item.bcc),
    replyTo: [],
    flag: flagJson(item.flag),
  };
}
