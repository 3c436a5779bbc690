import { extendedPropertyKey } from '../../model/extended-property.ts';
import { isMappedProperty, isWritableProperty } from '../../model/mapi-properties.ts';
import type { ItemView } from '../../model/views.ts';
import type { EwsContext } from '../context.ts';
import { actingMailbox } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveGetItemId } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { parseExtendedFieldUri, parseExtendedProperty } from '../properties/extended-field-uri.ts';
import { ITEM_PROPERTY_BY_URI } from '../properties/item-properties.ts';
import type { EwsItemPatch } from '../properties/property-types.ts';
import { kindOfElement, mergePatches, readWithDefinition, toModelPatch } from '../properties/read-item.ts';
import { occurrenceOf, type OccurrenceView } from '../properties/occurrences.ts';
import { writeItemId } from '../properties/write-item.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { child } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { enumAttr, required } from './common.ts';
import { updateOccurrence } from './occurrence-edits.ts';
import type { OperationSpec } from './operation.ts';

/**
 * UpdateItem: https://learn.microsoft.com/exchange/client-developer/web-service-reference/updateitem-operation
 * SetItemField / AppendToItemField / DeleteItemField on first-class and extended properties, one property
 * per change (ErrorIncorrectUpdatePropertyCount, ErrorUpdatePropertyMismatch). A stale ChangeKey fails
 * with ErrorIrresolvableConflict unless ConflictResolution is AlwaysOverwrite; the simulator keeps no
 * per-property history, so AutoResolve cannot merge and refuses like NeverOverwrite.
 */

const PATH_NAMES = new Set(['FieldURI', 'ExtendedFieldURI', 'IndexedFieldURI']);

function pathAndValue(change: XmlElement): { path: XmlElement; value: XmlElement | undefined } {
  const path = change.children.find((c) => PATH_NAMES.has(c.name));
  if (!path) throw new EwsError('ErrorInvalidRequest', `${change.name} needs a property path.`);
  const value = change.children.find((c) => !PATH_NAMES.has(c.name));
  return { path, value };
}

function singleProperty(value: XmlElement | undefined): XmlElement {
  if (!value || !kindOfElement(value))
    throw new EwsError('ErrorInvalidRequest', 'The change needs an item element with the new value.');
  if (value.children.length !== 1) throw new EwsError('ErrorIncorrectUpdatePropertyCount');
  const [property] = value.children;
  if (!property) throw new EwsError('ErrorIncorrectUpdatePropertyCount');
  return property;
}

function setField(change: XmlElement, item: ItemView): EwsItemPatch {
  const { path, value } = pathAndValue(change);
  const property = singleProperty(value);
  if (path.name === 'ExtendedFieldURI') {
    const request = parseExtendedFieldUri(path);
    if (property.name !== 'ExtendedProperty') throw new EwsError('ErrorUpdatePropertyMismatch');
    const parsed = parseExtendedProperty(property);
    if (parsed.property.key !== extendedPropertyKey(request.name))
      throw new EwsError('ErrorUpdatePropertyMismatch');
    if (!isWritableProperty(parsed.property.name)) throw new EwsError('ErrorInvalidPropertySet');
    return { setExtendedProperties: [parsed.property] };
  }
  if (path.name === 'IndexedFieldURI')
    throw new EwsError(
      'ErrorInvalidPropertyRequest',
      'Indexed properties are not supported by the simulator.',
    );
  const def = ITEM_PROPERTY_BY_URI.get(path.attrs['FieldURI'] ?? '');
  if (!def || (def.scope !== 'item' && def.scope !== item.kind))
    throw new EwsError('ErrorInvalidPropertyRequest');
  if (property.name !== def.element) throw new EwsError('ErrorUpdatePropertyMismatch');
  return readWithDefinition(def, property);
}

function appendField(change: XmlElement, item: ItemView): EwsItemPatch {
  const { path, value } = pathAndValue(change);
  const property = singleProperty(value);
  const uri = path.attrs['FieldURI'] ?? '';
  const def = ITEM_PROPERTY_BY_URI.get(uri);
  if (!def?.read || property.name !== def.element)
    throw new EwsError('ErrorInvalidPropertyAppend', 'Append action is invalid for property.');
  const patch = readWithDefinition(def, property);
  if (uri === 'item:Body' && patch.body)
    return { body: { type: item.body.type, content: item.body.content + patch.body.content } };
  if (uri === 'message:ToRecipients' && patch.to) return { to: [...item.to, ...patch.to] };
  if (uri === 'message:CcRecipients' && patch.cc) return { cc: [...item.cc, ...patch.cc] };
  if (uri === 'message:BccRecipients' && patch.bcc) return { bcc: [...item.bcc, ...patch.bcc] };
  throw new EwsError('ErrorInvalidPropertyAppend', 'Append action is invalid for property.');
}

function deleteField(change: XmlElement, item: ItemView): EwsItemPatch {
  const { path } = pathAndValue(change);
  if (path.name === 'ExtendedFieldURI') {
    const request = parseExtendedFieldUri(path);
    if (isMappedProperty(request.name)) throw new EwsError('ErrorInvalidPropertyDelete');
    return { removeExtendedProperties: [extendedPropertyKey(request.name)] };
  }
  const def = ITEM_PROPERTY_BY_URI.get(path.attrs['FieldURI'] ?? '');
  if (!def || (def.scope !== 'item' && def.scope !== item.kind))
    throw new EwsError('ErrorInvalidPropertyRequest');
  if (!def.clear) throw new EwsError('ErrorInvalidPropertyDelete');
  return def.clear;
}

export const updateItem: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'UpdateItem';
    const disposition = enumAttr(ctx.request, 'MessageDisposition', [
      'SaveOnly',
      'SendOnly',
      'SendAndSaveCopy',
    ] as const);
    const resolution = enumAttr(
      ctx.request,
      'ConflictResolution',
      ['NeverOverwrite', 'AutoResolve', 'AlwaysOverwrite'] as const,
      'AutoResolve',
    );
    const invitations = enumAttr(ctx.request, 'SendMeetingInvitationsOrCancellations', [
      'SendToNone',
      'SendOnlyToAll',
      'SendOnlyToChanged',
      'SendToAllAndSaveCopy',
      'SendToChangedAndSaveCopy',
    ] as const);
    const messages = required(ctx.request, 'ItemChanges').children.map((itemChange) =>
      perItem(op, () => {
        const mailbox = actingMailbox(ctx);
        const idElement = itemChange.children.find((c) => c.name.endsWith('ItemId'));
        if (!idElement) throw new EwsError('ErrorInvalidIdMalformed');
        // An ItemId may name an occurrence (from a CalendarView or ModifiedOccurrences), as may an OccurrenceItemId.
        const item = resolveGetItemId(ctx, idElement);
        if (item.kind === 'message' && !disposition) throw new EwsError('ErrorMessageDispositionRequired');
        if (item.kind === 'calendar' && !invitations)
          throw new EwsError(
            'ErrorSendMeetingInvitationsOrCancellationsRequired',
            'SendMeetingInvitationsOrCancellations attribute is required for calendar items.',
          );
        if (disposition && disposition !== 'SaveOnly')
          throw new EwsError(
            'ErrorInvalidOperation',
            'Sending from UpdateItem is not supported by the simulator.',
          );
        const changeKey = idElement.attrs['ChangeKey'];
        if (changeKey && changeKey !== item.changeKey && resolution !== 'AlwaysOverwrite')
          throw new EwsError('ErrorIrresolvableConflict');
        const patches = (child(itemChange, 'Updates')?.children ?? []).map((change) => {
          switch (change.name) {
            case 'SetItemField':
              return setField(change, item);
            case 'AppendToItemField':
              return appendField(change, item);
            case 'DeleteItemField':
              return deleteField(change, item);
            default:
              throw new EwsError('ErrorInvalidRequest', `Unknown change ${change.name}.`);
          }
        });
        const patch = toModelPatch(mergePatches(patches), item, {
          name: mailbox.displayName,
          address: mailbox.primarySmtp,
        });
        const updated = occurrenceOf(item)
          ? updateOccurrence(ctx, item as OccurrenceView, patch)
          : viaModel(() => ctx.model.updateItem(item.id, patch));
        return successMessage(
          op,
          el('m:Items', undefined, writeItemId(updated)) +
            el('m:ConflictResults', undefined, textEl('t:Count', 0)),
        );
      }),
    );
    return responseEnvelope(op, messages);
  },
};
