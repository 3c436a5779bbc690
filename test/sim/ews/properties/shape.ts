import type { ItemKind } from '../../model/item-record.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { child, childText } from '../xml/xml-tree.ts';
import type { RequestedBodyType } from './body-conversion.ts';
import type { ExtendedFieldRequest } from './extended-field-uri.ts';
import { parseExtendedFieldUri } from './extended-field-uri.ts';
import { FOLDER_PROPERTIES } from './folder-properties.ts';
import { ITEM_PROPERTIES, ITEM_PROPERTY_BY_URI } from './item-properties.ts';

/**
 * ItemShape / FolderShape (https://learn.microsoft.com/exchange/client-developer/web-service-reference/itemshape):
 * a BaseShape, AdditionalProperties (FieldURI / ExtendedFieldURI), and for items IncludeMimeContent and
 * BodyType.
 */
export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

export interface Shape {
  base: BaseShape;
  fields: ReadonlySet<string>;
  extended: readonly ExtendedFieldRequest[];
  includeMime: boolean;
  bodyType: RequestedBodyType;
}

/** Where properties are requested: FindItem and SyncFolderItems cannot return every property. */
export type ShapeContext = 'get' | 'find';

function parseBase(text: string | undefined, elementName: string): BaseShape {
  if (text === 'IdOnly' || text === 'Default' || text === 'AllProperties') return text;
  throw schemaValidationFault(
    `The element '${elementName}' has invalid child element or BaseShape value '${text ?? ''}'.`,
  );
}

export function parseShape(element: XmlElement | undefined, elementName: string): Shape {
  if (!element) throw schemaValidationFault(`The element '${elementName}' is missing.`);
  const base = parseBase(childText(element, 'BaseShape')?.trim(), elementName);
  const fields = new Set<string>();
  const extended: ExtendedFieldRequest[] = [];
  for (const prop of child(element, 'AdditionalProperties')?.children ?? []) {
    if (prop.name === 'FieldURI') {
      const uri = prop.attrs['FieldURI'] ?? '';
      if (!/^[a-z]+:[A-Za-z]+$/.test(uri))
        throw schemaValidationFault(`The 'FieldURI' attribute is invalid - The value '${uri}' is invalid.`);
      fields.add(uri);
    } else if (prop.name === 'ExtendedFieldURI') {
      extended.push(parseExtendedFieldUri(prop));
    }
    // IndexedFieldURI (contact and header dictionaries) is not modelled and is ignored.
  }
  const bodyType = childText(element, 'BodyType')?.trim() ?? 'Best';
  if (bodyType !== 'Best' && bodyType !== 'HTML' && bodyType !== 'Text') {
    throw schemaValidationFault(`The element 'BodyType' has invalid value '${bodyType}'.`);
  }
  return {
    base,
    fields,
    extended,
    includeMime: childText(element, 'IncludeMimeContent')?.trim() === 'true',
    bodyType,
  };
}

/**
 * The FieldURIs to write for an item of a kind. In the find context AllProperties leaves out what
 * FindItem cannot return, and asking for such a property explicitly is ErrorInvalidPropertyRequest.
 */
export function itemFields(shape: Shape, kind: ItemKind, context: ShapeContext): Set<string> {
  const out = new Set<string>(['item:ItemId']);
  for (const def of ITEM_PROPERTIES) {
    const applies = def.scope === 'item' || def.scope === kind;
    if (!applies) continue;
    if (shape.base === 'Default' && def.inDefault?.includes(kind) && (context === 'get' || def.canFind))
      out.add(def.uri);
    if (shape.base === 'AllProperties' && def.inAll !== false && (context === 'get' || def.canFind))
      out.add(def.uri);
  }
  for (const uri of shape.fields) {
    const def = ITEM_PROPERTY_BY_URI.get(uri);
    if (!def) continue;
    if (context === 'find' && !def.canFind)
      throw new EwsError(
        'ErrorInvalidPropertyRequest',
        `The property ${uri} can't be used in FindItem or SyncFolderItems requests.`,
      );
    if (def.scope === 'item' || def.scope === kind) out.add(uri);
  }
  if (shape.includeMime) {
    if (context === 'find')
      throw new EwsError(
        'ErrorInvalidPropertyRequest',
        'MimeContent cannot be returned by FindItem or SyncFolderItems.',
      );
    out.add('item:MimeContent');
  }
  return out;
}

export function folderFields(shape: Shape): Set<string> {
  const out = new Set<string>(['folder:FolderId']);
  for (const def of FOLDER_PROPERTIES) {
    if (shape.base === 'Default' && def.inDefault) out.add(def.uri);
    if (shape.base === 'AllProperties') out.add(def.uri);
  }
  for (const uri of shape.fields) out.add(uri);
  return out;
}
