import { FLAG_STATUSES, IMPORTANCES, SENSITIVITIES } from '../../model/item-record.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { ewsDateTime } from '../protocol/ews-time.ts';
import { childrenNamed, childText } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { convertBody } from './body-conversion.ts';
import { dateValue, displayNames, enumValue, simple } from './property-builders.ts';
import type { ItemPropertyDef } from './property-types.ts';

/**
 * ItemType properties in schema order
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/item).
 */
export const ITEM_TYPE_PROPERTIES: readonly ItemPropertyDef[] = [
  {
    uri: 'item:MimeContent',
    element: 'MimeContent',
    scope: 'item',
    canFind: false,
    inAll: false,
    write: (i, w) =>
      textEl('t:MimeContent', w.model.mime(i.id).toString('base64'), { CharacterSet: 'UTF-8' }),
    read: (e) => {
      const text = e.text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new EwsError('ErrorMimeContentInvalidBase64String');
      return { mime: Buffer.from(text, 'base64') };
    },
  },
  {
    uri: 'item:ItemId',
    element: 'ItemId',
    scope: 'item',
    structured: true,
    canFind: true,
    inDefault: ['message', 'calendar'],
    valueType: 'string',
    value: (i) => i.id,
    write: (i) => el('t:ItemId', { Id: i.id, ChangeKey: i.changeKey }),
  },
  {
    uri: 'item:ParentFolderId',
    element: 'ParentFolderId',
    scope: 'item',
    structured: true,
    canFind: true,
    valueType: 'string',
    value: (i) => i.folderId,
    write: (i, w) =>
      el('t:ParentFolderId', { Id: i.folderId, ChangeKey: w.model.folder(i.folderId)?.changeKey }),
  },
  simple('item:ItemClass', 'item', 'string', (i) => i.itemClass, {
    read: (e) => ({ itemClass: e.text.trim() }),
  }),
  simple('item:Subject', 'item', 'string', (i) => i.subject, {
    inDefault: ['message', 'calendar'],
    read: (e) => ({ subject: e.text }),
    clear: { subject: '' },
  }),
  simple('item:Sensitivity', 'item', { enum: SENSITIVITIES }, (i) => i.sensitivity, {
    read: (e) => ({ sensitivity: enumValue(SENSITIVITIES, e.text) }),
  }),
  {
    uri: 'item:Body',
    element: 'Body',
    scope: 'item',
    canFind: false,
    valueType: 'string',
    value: (i) => i.body.content,
    write: (i, w) => {
      const body = convertBody(i.body, w.bodyType);
      return textEl('t:Body', body.content, { BodyType: body.type, IsTruncated: 'false' });
    },
    read: (e) => ({ body: { type: e.attrs['BodyType'] === 'HTML' ? 'html' : 'text', content: e.text } }),
    clear: { body: { type: 'text', content: '' } },
  },
  {
    uri: 'item:Attachments',
    element: 'Attachments',
    scope: 'item',
    structured: true,
    canFind: false,
    inDefault: ['message', 'calendar'],
    write: (i) => {
      if (!i.attachments.length) return '';
      const inner = i.attachments
        .map((a) =>
          el(
            't:FileAttachment',
            undefined,
            el('t:AttachmentId', { Id: a.id }) +
              textEl('t:Name', a.name) +
              textEl('t:ContentType', a.contentType) +
              (a.contentId ? textEl('t:ContentId', a.contentId) : '') +
              textEl('t:Size', a.size) +
              textEl('t:LastModifiedTime', ewsDateTime(a.lastModifiedAt)) +
              textEl('t:IsInline', a.isInline) +
              textEl('t:IsContactPhoto', false),
          ),
        )
        .join('');
      return el('t:Attachments', undefined, inner);
    },
  },
  simple('item:DateTimeReceived', 'item', 'dateTime', (i) => i.receivedAt),
  simple('item:Size', 'item', 'int', (i) => i.size),
  {
    uri: 'item:Categories',
    element: 'Categories',
    scope: 'item',
    structured: true,
    canFind: true,
    valueType: 'string',
    value: (i) => i.categories.join(';'),
    write: (i) =>
      i.categories.length
        ? el('t:Categories', undefined, i.categories.map((c) => textEl('t:String', c)).join(''))
        : '',
    read: (e) => ({ categories: childrenNamed(e, 'String').map((s) => s.text) }),
    clear: { categories: [] },
  },
  simple('item:Importance', 'item', { enum: IMPORTANCES }, (i) => i.importance, {
    read: (e) => ({ importance: enumValue(IMPORTANCES, e.text) }),
  }),
  simple('item:IsSubmitted', 'item', 'boolean', () => false),
  simple('item:IsDraft', 'item', 'boolean', (i) => i.isDraft),
  simple(
    'item:IsFromMe',
    'item',
    'boolean',
    (i, w) => i.from?.address.toLowerCase() === w.owner.toLowerCase(),
  ),
  simple('item:IsResend', 'item', 'boolean', () => false),
  simple('item:IsUnmodified', 'item', 'boolean', (i) => !i.isDraft && i.lastModifiedAt === i.createdAt),
  simple('item:DateTimeSent', 'item', 'dateTime', (i) => i.sentAt),
  simple('item:DateTimeCreated', 'item', 'dateTime', (i) => i.createdAt),
  simple('item:DisplayCc', 'item', 'string', (i) => displayNames(i.cc)),
  simple('item:DisplayTo', 'item', 'string', (i) => displayNames(i.to)),
  simple('item:HasAttachments', 'item', 'boolean', (i) => i.hasAttachments, {
    inDefault: ['message', 'calendar'],
  }),
  simple('item:Culture', 'item', 'string', () => 'en-US'),
  simple('item:LastModifiedTime', 'item', 'dateTime', (i) => i.lastModifiedAt),
  simple('item:IsAssociated', 'item', 'boolean', () => false, { inDefault: ['message', 'calendar'] }),
  {
    uri: 'item:Flag',
    element: 'Flag',
    scope: 'item',
    structured: true,
    canFind: true,
    // ItemFlagStatus numbers: NotFlagged 0, Complete 1, Flagged 2 (as PR_FLAG_STATUS).
    valueType: { enum: FLAG_STATUSES, byNumber: ['NotFlagged', 'Complete', 'Flagged'] },
    value: (i) => i.flag.status,
    write: (i) =>
      el(
        't:Flag',
        undefined,
        textEl('t:FlagStatus', i.flag.status) +
          (i.flag.startAt ? textEl('t:StartDate', ewsDateTime(i.flag.startAt)) : '') +
          (i.flag.dueAt ? textEl('t:DueDate', ewsDateTime(i.flag.dueAt)) : '') +
          (i.flag.completedAt ? textEl('t:CompleteDate', ewsDateTime(i.flag.completedAt)) : ''),
      ),
    read: (e) => {
      const status = enumValue(FLAG_STATUSES, childText(e, 'FlagStatus') ?? '');
      const start = childText(e, 'StartDate');
      const due = childText(e, 'DueDate');
      const complete = childText(e, 'CompleteDate');
      return {
        flag: {
          status,
          ...(start ? { startAt: dateValue(start) } : {}),
          ...(due ? { dueAt: dateValue(due) } : {}),
          ...(complete ? { completedAt: dateValue(complete) } : {}),
        },
      };
    },
    clear: { flag: { status: 'NotFlagged' } },
  },
];
