import { CALENDAR_PROPERTIES } from './calendar-properties.ts';
import { ITEM_TYPE_PROPERTIES } from './item-type-properties.ts';
import { MESSAGE_PROPERTIES } from './message-properties.ts';
import type { ItemPropertyDef } from './property-types.ts';

/**
 * First-class item properties, in the element order of ItemType, then MessageType or CalendarItemType
 * in types.xsd (responses must follow it).
 */
export const ITEM_PROPERTIES: readonly ItemPropertyDef[] = [
  ...ITEM_TYPE_PROPERTIES,
  ...MESSAGE_PROPERTIES,
  ...CALENDAR_PROPERTIES,
];

/** Where t:ExtendedProperty elements go: after item:HasAttachments in ItemType. */
export const EXTENDED_PROPERTY_POSITION =
  ITEM_PROPERTIES.findIndex((p) => p.uri === 'item:HasAttachments') + 1;

export const ITEM_PROPERTY_BY_URI: ReadonlyMap<string, ItemPropertyDef> = new Map(
  ITEM_PROPERTIES.map((p) => [p.uri, p]),
);
