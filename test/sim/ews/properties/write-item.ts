import { readItemProperty } from '../../model/mapi-properties.ts';
import type { MailboxModel } from '../../model/model.ts';
import type { ItemView } from '../../model/views.ts';
import { el } from '../xml/xml-writer.ts';
import { writeExtendedProperty } from './extended-field-uri.ts';
import { EXTENDED_PROPERTY_POSITION, ITEM_PROPERTIES } from './item-properties.ts';
import type { WriteContext } from './property-types.ts';
import type { Shape, ShapeContext } from './shape.ts';
import { itemFields } from './shape.ts';

/** The XML element for an item kind. Messages of any IPM.Note* class, stubs included, are t:Message. */
export function itemElementName(item: Pick<ItemView, 'kind'>): 't:Message' | 't:CalendarItem' {
  return item.kind === 'calendar' ? 't:CalendarItem' : 't:Message';
}

function ownerOf(model: MailboxModel, item: ItemView): string {
  return model.mailbox(item.mailboxId)?.primarySmtp ?? '';
}

/** Serialises an item with the properties a shape asks for, in schema order. */
export function writeItem(model: MailboxModel, item: ItemView, shape: Shape, context: ShapeContext): string {
  const fields = itemFields(shape, item.kind, context);
  const w: WriteContext = { model, bodyType: shape.bodyType, owner: ownerOf(model, item) };
  let extended = '';
  if (shape.extended.length) {
    const record = model.itemRecord(item.id);
    for (const request of shape.extended) {
      const property = record ? readItemProperty(record, request.name) : undefined;
      if (property && property.type === request.type) extended += writeExtendedProperty(request, property);
    }
  }
  let content = '';
  ITEM_PROPERTIES.forEach((def, index) => {
    if (index === EXTENDED_PROPERTY_POSITION) content += extended;
    if ((def.scope === 'item' || def.scope === item.kind) && fields.has(def.uri))
      content += def.write(item, w);
  });
  return el(itemElementName(item), undefined, content);
}

/** Only the id, as in CreateItem / UpdateItem / MoveItem responses. */
export function writeItemId(item: ItemView): string {
  return el(itemElementName(item), undefined, el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey }));
}

/**
 * The CreateItem answer for an item created with t:Attachments: its ItemId, then the new attachment ids
 * in request order. ews-javascript-api (like the EWS Managed API) copies these ids onto its attachment
 * objects by position; an attachment left without an id is sent again with CreateAttachment.
 */
export function writeItemIdWithAttachments(item: ItemView): string {
  const attachments = item.attachments
    .map((a) =>
      el(
        't:FileAttachment',
        undefined,
        el('t:AttachmentId', { Id: a.id, RootItemId: item.id, RootItemChangeKey: item.changeKey }),
      ),
    )
    .join('');
  return el(
    itemElementName(item),
    undefined,
    el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey }) + el('t:Attachments', undefined, attachments),
  );
}
