import type { CalendarFields } from '../../model/calendar.ts';
import type { EmailAddress } from '../../model/email-address.ts';
import type { ExtendedProperty } from '../../model/extended-property.ts';
import { guidFrom, hashString } from '../../model/hash.ts';
import type { ItemKind } from '../../model/item-record.ts';
import { isWritableProperty } from '../../model/mapi-properties.ts';
import type { ItemPatch, NewAttachment, NewItem } from '../../model/record-edits.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { parseExtendedProperty } from './extended-field-uri.ts';
import { readFileAttachment } from './read-attachment.ts';
import { ITEM_PROPERTIES } from './item-properties.ts';
import type { EwsItemPatch, ItemPropertyDef } from './property-types.ts';

/** Reading items from requests: t:Message / t:CalendarItem / t:Item in CreateItem and UpdateItem. */

export function kindOfElement(element: XmlElement): ItemKind | undefined {
  if (element.name === 'Message' || element.name === 'Item' || element.name === 'PostItem') return 'message';
  if (element.name === 'CalendarItem') return 'calendar';
  return undefined;
}

/** The property definition for a child element of an item element of this kind. */
export function propertyForElement(kind: ItemKind, elementName: string): ItemPropertyDef | undefined {
  return ITEM_PROPERTIES.find((p) => p.element === elementName && (p.scope === 'item' || p.scope === kind));
}

/** Reads one property element; read-only properties give ErrorInvalidPropertySet. */
export function readPropertyElement(kind: ItemKind, element: XmlElement): EwsItemPatch | undefined {
  if (element.name === 'ExtendedProperty') {
    const { property } = parseExtendedProperty(element);
    if (!isWritableProperty(property.name)) throw new EwsError('ErrorInvalidPropertySet');
    return { setExtendedProperties: [property] };
  }
  const def = propertyForElement(kind, element.name);
  if (!def) return undefined; // not modelled: ignored
  return readWithDefinition(def, element);
}

/** Reads a property element with its definition, rejecting markup inside text-only elements as Exchange does. */
export function readWithDefinition(def: ItemPropertyDef, element: XmlElement): EwsItemPatch {
  const [stray] = element.children;
  if (!def.structured && stray) {
    // What an unescaped HTML body looks like to Exchange: markup inside a text-only element.
    throw schemaValidationFault(
      `The element '${element.name}' in namespace 'http://schemas.microsoft.com/exchange/services/2006/types' cannot contain child element '${stray.name}' because the parent element's content model is text only.`,
    );
  }
  if (!def.read)
    throw new EwsError('ErrorInvalidPropertySet', `Set action is invalid for property ${def.uri}.`);
  return def.read(element);
}

export function mergePatches(patches: readonly EwsItemPatch[]): EwsItemPatch {
  const out: EwsItemPatch = {};
  const extended: ExtendedProperty[] = [];
  const removed: string[] = [];
  for (const patch of patches) {
    const { setExtendedProperties, removeExtendedProperties, calendarPatch, ...rest } = patch;
    Object.assign(out, rest);
    if (setExtendedProperties) extended.push(...setExtendedProperties);
    if (removeExtendedProperties) removed.push(...removeExtendedProperties);
    if (calendarPatch) out.calendarPatch = { ...out.calendarPatch, ...calendarPatch };
  }
  if (extended.length) out.setExtendedProperties = extended;
  if (removed.length) out.removeExtendedProperties = removed;
  return out;
}

/** Calendar data after a piecewise change; a new item gets a UID and the mailbox owner as organizer. */
export function mergeCalendar(
  current: CalendarFields | undefined,
  patch: Partial<CalendarFields>,
  owner: EmailAddress,
  seedText: string,
): CalendarFields {
  const start = patch.start ?? current?.start;
  const end = patch.end ?? current?.end;
  if (!start || !end) throw new EwsError('ErrorInvalidRequest', 'A calendar item needs Start and End.');
  if (Date.parse(end) < Date.parse(start)) throw new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate');
  const base: CalendarFields = current ?? {
    uid: guidFrom(hashString(seedText)).replace(/-/g, '').toUpperCase(),
    start,
    end,
    isAllDay: false,
    location: '',
    organizer: owner,
    requiredAttendees: [],
    optionalAttendees: [],
    showAs: 'Busy',
  };
  const merged: CalendarFields = { ...base, ...patch, start, end };
  if ('recurrence' in patch && patch.recurrence === undefined) delete merged.recurrence;
  return merged;
}

/** Turns an EWS patch into a model patch for an existing item. */
export function toModelPatch(
  patch: EwsItemPatch,
  current: { calendar?: CalendarFields; kind: ItemKind },
  owner: EmailAddress,
): ItemPatch {
  const { calendarPatch, ...rest } = patch;
  if (!calendarPatch) return rest;
  if (current.kind !== 'calendar') throw new EwsError('ErrorInvalidPropertyRequest');
  return {
    ...rest,
    calendar: mergeCalendar(current.calendar, calendarPatch, owner, `${owner.address}|${Date.now()}`),
  };
}

/** Reads a whole item element (CreateItem) into the model's NewItem input. */
export function readNewItem(element: XmlElement, owner: EmailAddress, seedText: string): NewItem {
  const kind = kindOfElement(element);
  if (!kind)
    throw new EwsError('ErrorInvalidItemForOperationCreateItem', 'This item type cannot be created.');
  const patches: EwsItemPatch[] = [];
  let attachments: NewAttachment[] | undefined;
  for (const childElement of element.children) {
    if (childElement.name === 'Attachments') {
      // Only a new item takes its attachments inline; UpdateItem goes through CreateAttachment.
      attachments = childElement.children.map(readFileAttachment);
      continue;
    }
    const patch = readPropertyElement(kind, childElement);
    if (patch) patches.push(patch);
  }
  const {
    calendarPatch,
    setExtendedProperties,
    removeExtendedProperties: _ignored,
    ...fields
  } = mergePatches(patches);
  const input: NewItem = { kind, ...fields };
  if (setExtendedProperties) input.extendedProperties = setExtendedProperties;
  if (attachments?.length) input.attachments = attachments;
  if (kind === 'calendar' && (calendarPatch || !fields.mime)) {
    input.calendar = mergeCalendar(undefined, calendarPatch ?? {}, owner, seedText);
  }
  return input;
}
