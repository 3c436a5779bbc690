import type { ExtendedProperty, ExtendedPropertyName, MapiType } from '../../model/extended-property.ts';
import {
  DISTINGUISHED_PROPERTY_SETS,
  MAPI_TYPES,
  makeExtendedProperty,
  normaliseGuid,
} from '../../model/extended-property.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { parseEwsDateTime } from '../protocol/ews-time.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { child, childrenNamed } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';

/**
 * t:ExtendedFieldURI (https://learn.microsoft.com/exchange/client-developer/web-service-reference/extendedfielduri):
 * PropertyTag + PropertyType, or (DistinguishedPropertySetId | PropertySetId) + (PropertyName | PropertyId) + PropertyType.
 */

const KNOWN_MAPI_TYPES: ReadonlySet<string> = new Set<string>(MAPI_TYPES);

export interface ExtendedFieldRequest {
  name: ExtendedPropertyName;
  type: MapiType;
  /** The attributes as the client sent them; echoed back so clients match responses to their definitions. */
  attrs: Readonly<Record<string, string>>;
}

function parseTag(text: string): number | undefined {
  const trimmed = text.trim();
  const n = /^0x[0-9a-f]+$/i.test(trimmed)
    ? parseInt(trimmed.slice(2), 16)
    : /^\d+$/.test(trimmed)
      ? Number(trimmed)
      : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

export function parseExtendedFieldUri(element: XmlElement): ExtendedFieldRequest {
  const a = element.attrs;
  const type = a['PropertyType'] ?? '';
  if (!KNOWN_MAPI_TYPES.has(type)) {
    throw schemaValidationFault(
      `The 'PropertyType' attribute is invalid - The value '${type}' is invalid according to its datatype 'MapiPropertyTypeType'.`,
    );
  }
  const keep: Record<string, string> = {};
  for (const key of [
    'DistinguishedPropertySetId',
    'PropertySetId',
    'PropertyTag',
    'PropertyName',
    'PropertyId',
    'PropertyType',
  ]) {
    const value = a[key];
    if (value !== undefined) keep[key] = value;
  }
  const hasSet = a['DistinguishedPropertySetId'] !== undefined || a['PropertySetId'] !== undefined;
  if (a['PropertyTag'] !== undefined) {
    if (hasSet || a['PropertyName'] !== undefined || a['PropertyId'] !== undefined)
      throw new EwsError('ErrorInvalidExtendedProperty');
    const tag = parseTag(a['PropertyTag']);
    if (tag === undefined) throw new EwsError('ErrorInvalidExtendedProperty');
    if ((tag & 0xffff) >= 0x8000) throw new EwsError('ErrorNoPropertyTagForCustomProperties');
    return { name: { tag: tag & 0xffff }, type: type as MapiType, attrs: keep };
  }
  let setId: string | undefined;
  if (a['DistinguishedPropertySetId'] !== undefined) {
    if (a['PropertySetId'] !== undefined) throw new EwsError('ErrorInvalidExtendedProperty');
    setId = DISTINGUISHED_PROPERTY_SETS[a['DistinguishedPropertySetId']];
    if (!setId) {
      throw schemaValidationFault(
        `The 'DistinguishedPropertySetId' attribute is invalid - The value '${a['DistinguishedPropertySetId']}' is invalid.`,
      );
    }
  } else if (a['PropertySetId'] !== undefined) {
    setId = normaliseGuid(a['PropertySetId']);
    if (!setId) throw new EwsError('ErrorInvalidExtendedProperty');
  }
  if (!setId) throw new EwsError('ErrorInvalidExtendedProperty');
  if ((a['PropertyName'] === undefined) === (a['PropertyId'] === undefined))
    throw new EwsError('ErrorInvalidExtendedProperty');
  if (a['PropertyName'] !== undefined)
    return { name: { propertySetId: setId, name: a['PropertyName'] }, type: type as MapiType, attrs: keep };
  const id = parseTag(a['PropertyId'] ?? '');
  if (id === undefined) throw new EwsError('ErrorInvalidExtendedProperty');
  return { name: { propertySetId: setId, id }, type: type as MapiType, attrs: keep };
}

function checkValue(type: MapiType, value: string): string {
  const base = type.replace(/Array$/, '');
  const ok =
    base === 'Integer' || base === 'Long' || base === 'Short'
      ? /^-?\d+$/.test(value.trim())
      : base === 'Boolean'
        ? /^(true|false)$/i.test(value.trim())
        : base === 'SystemTime' || base === 'ApplicationTime'
          ? parseEwsDateTime(value) !== undefined
          : base === 'Double' || base === 'Float' || base === 'Currency'
            ? !Number.isNaN(Number(value))
            : base === 'Binary'
              ? /^[A-Za-z0-9+/]*={0,2}$/.test(value.trim())
              : base === 'CLSID'
                ? normaliseGuid(value) !== undefined
                : true;
  if (!ok) throw new EwsError('ErrorInvalidExtendedPropertyValue');
  if (base === 'SystemTime') return parseEwsDateTime(value) ?? value;
  if (base === 'Boolean') return value.trim().toLowerCase();
  return value;
}

/** Reads a t:ExtendedProperty element (ExtendedFieldURI plus Value or Values). */
export function parseExtendedProperty(element: XmlElement): {
  request: ExtendedFieldRequest;
  property: ExtendedProperty;
} {
  const uri = child(element, 'ExtendedFieldURI');
  if (!uri) throw new EwsError('ErrorInvalidExtendedProperty');
  const request = parseExtendedFieldUri(uri);
  const isArray = request.type.endsWith('Array');
  const single = child(element, 'Value');
  const many = child(element, 'Values');
  if (isArray ? !many || single : !single || many) throw new EwsError('ErrorInvalidExtendedPropertyValue');
  const value = isArray
    ? childrenNamed(many, 'Value').map((v) => checkValue(request.type, v.text))
    : checkValue(request.type, single?.text ?? '');
  return { request, property: makeExtendedProperty(request.name, request.type, value) };
}

/** Writes a t:ExtendedProperty, naming the property the way the request did. */
export function writeExtendedProperty(request: ExtendedFieldRequest, property: ExtendedProperty): string {
  const value = Array.isArray(property.value)
    ? el('t:Values', undefined, property.value.map((v) => textEl('t:Value', v)).join(''))
    : textEl('t:Value', property.value);
  return el('t:ExtendedProperty', undefined, el('t:ExtendedFieldURI', request.attrs) + value);
}
