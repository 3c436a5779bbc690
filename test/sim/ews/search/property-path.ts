import { readItemProperty } from '../../model/mapi-properties.ts';
import type { MailboxModel } from '../../model/model.ts';
import type { FolderView, ItemView } from '../../model/views.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { parseEwsDateTime } from '../protocol/ews-time.ts';
import { parseExtendedFieldUri } from '../properties/extended-field-uri.ts';
import { FOLDER_PROPERTY_BY_URI } from '../properties/folder-properties.ts';
import { ITEM_PROPERTY_BY_URI } from '../properties/item-properties.ts';
import type { Comparable, ValueType } from '../properties/property-types.ts';
import type { XmlElement } from '../xml/xml-tree.ts';

/** A property path (FieldURI / ExtendedFieldURI) compiled to a typed getter, for restrictions and sorting. */
export interface CompiledPath<T> {
  type: ValueType;
  get: (target: T) => Comparable | undefined;
}

export type PathCompiler<T> = (element: XmlElement, forSort: boolean) => CompiledPath<T>;

function unsupported(forSort: boolean): EwsError {
  return new EwsError(forSort ? 'ErrorUnsupportedPathForSortGroup' : 'ErrorUnsupportedPathForQuery');
}

function extendedType(type: string): ValueType {
  if (type === 'SystemTime') return 'dateTime';
  if (type === 'Integer' || type === 'Long' || type === 'Short') return 'int';
  if (type === 'Boolean') return 'boolean';
  return 'string';
}

export function itemPathCompiler(model: MailboxModel): PathCompiler<ItemView> {
  return (element, forSort) => {
    if (element.name === 'ExtendedFieldURI') {
      const request = parseExtendedFieldUri(element);
      const type = extendedType(request.type);
      return {
        type,
        get: (item) => {
          const record = model.itemRecord(item.id);
          const property = record ? readItemProperty(record, request.name) : undefined;
          if (!property || Array.isArray(property.value)) return undefined;
          return normalise(type, property.value);
        },
      };
    }
    if (element.name !== 'FieldURI') throw unsupported(forSort);
    const def = ITEM_PROPERTY_BY_URI.get(element.attrs['FieldURI'] ?? '');
    const getValue = def?.value;
    if (!def || !getValue || !def.valueType) throw unsupported(forSort);
    const type = def.valueType;
    return {
      type,
      get: (item) => {
        const owner = model.mailbox(item.mailboxId)?.primarySmtp ?? '';
        const value = getValue(item, { model, bodyType: 'Best', owner });
        return value === undefined ? undefined : normalise(type, value);
      },
    };
  };
}

export function folderPathCompiler(): PathCompiler<FolderView> {
  return (element, forSort) => {
    if (element.name !== 'FieldURI') throw unsupported(forSort);
    const def = FOLDER_PROPERTY_BY_URI.get(element.attrs['FieldURI'] ?? '');
    const getValue = def?.value;
    if (!def || !getValue || !def.valueType) throw unsupported(forSort);
    const type = def.valueType;
    return {
      type,
      get: (folder) => {
        const value = getValue(folder);
        return value === undefined ? undefined : normalise(type, value);
      },
    };
  };
}

/** Brings a value into its comparable form: dates to ms, enums to their index, strings unchanged. */
export function normalise(type: ValueType, value: Comparable): Comparable | undefined {
  if (type === 'dateTime') {
    const iso = typeof value === 'string' ? parseEwsDateTime(value) : undefined;
    return iso ? Date.parse(iso) : undefined;
  }
  if (type === 'int') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  if (type === 'boolean')
    return typeof value === 'boolean' ? value : /^(true|1)$/i.test(String(value).trim());
  if (typeof type === 'object') {
    const text = String(value).trim();
    const name = /^\d+$/.test(text) ? (type.byNumber ?? type.enum)[Number(text)] : text;
    const index = name === undefined ? -1 : type.enum.indexOf(name);
    return index >= 0 ? index : undefined;
  }
  return String(value);
}

/** A constant from a request, converted for comparison with a path of `type`. */
export function constantFor(type: ValueType, text: string): Comparable {
  if (type === 'boolean' && !/^(true|false|1|0)$/i.test(text.trim()))
    throw new EwsError('ErrorInvalidValueForProperty');
  const value = normalise(type, text);
  if (value === undefined) throw new EwsError('ErrorInvalidValueForProperty');
  return value;
}
