/**
 * Extended (MAPI) properties on items and folders. EWS addresses them with ExtendedFieldURI
 * (PropertyTag | PropertySetId or DistinguishedPropertySetId + PropertyName or PropertyId), Graph with
 * ids such as `String {GUID} Name X` or `String 0x007D`. Both map onto the same key here, so a value set
 * through one protocol is visible through the other.
 */

/** MAPI property types that EWS and Graph can name (values are always carried as strings). */
/** The MAPI property types EWS (ExtendedFieldURI/PropertyType) and Graph (extended property ids) name. */
export const MAPI_TYPES = [
  'String',
  'Integer',
  'Long',
  'Short',
  'Boolean',
  'SystemTime',
  'Double',
  'Float',
  'Binary',
  'CLSID',
  'Currency',
  'ApplicationTime',
  'StringArray',
  'IntegerArray',
  'BinaryArray',
  'SystemTimeArray',
  'LongArray',
  'ShortArray',
  'CLSIDArray',
] as const;
export type MapiType = (typeof MAPI_TYPES)[number];

/** Identity of an extended property: a proptag, or a property set plus a name or numeric id. */
export type ExtendedPropertyName =
  { tag: number } | { propertySetId: string; name: string } | { propertySetId: string; id: number };

export interface ExtendedProperty {
  /** Canonical key (see {@link extendedPropertyKey}); equal keys name the same property. */
  key: string;
  name: ExtendedPropertyName;
  type: MapiType;
  /** Single value, or several for the *Array types. Binary values are base64. */
  value: string | string[];
}

/** GUIDs behind EWS DistinguishedPropertySetId values (MS-OXPROPS "Property sets"). */
export const DISTINGUISHED_PROPERTY_SETS: Readonly<Record<string, string>> = {
  Meeting: '6ed8da90-450b-101b-98da-00aa003f1305',
  Appointment: '00062002-0000-0000-c000-000000000046',
  Common: '00062008-0000-0000-c000-000000000046',
  PublicStrings: '00020329-0000-0000-c000-000000000046',
  Address: '00062004-0000-0000-c000-000000000046',
  InternetHeaders: '00020386-0000-0000-c000-000000000046',
  CalendarAssistant: '11000e07-b51b-40d6-af21-caa85edab1d0',
  UnifiedMessaging: '4442858e-a9e3-4e80-b900-317a210cc15b',
  Task: '00062003-0000-0000-c000-000000000046',
  Sharing: '00062040-0000-0000-c000-000000000046',
};

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** Normalises a GUID to lower case without braces; undefined when it is not a GUID. */
export function normaliseGuid(value: string): string | undefined {
  return GUID.exec(value.trim())?.[1]?.toLowerCase();
}

/** Canonical key. Property names are case-sensitive (as in MAPI); GUIDs and tags are not. */
export function extendedPropertyKey(name: ExtendedPropertyName): string {
  if ('tag' in name) return `tag:0x${(name.tag & 0xffff).toString(16).padStart(4, '0')}`;
  const set = normaliseGuid(name.propertySetId);
  if (!set) throw new Error(`invalid property set id: ${name.propertySetId}`);
  if ('name' in name) return `name:${set}:${name.name}`;
  return `id:${set}:0x${name.id.toString(16).padStart(4, '0')}`;
}

export function makeExtendedProperty(
  name: ExtendedPropertyName,
  type: MapiType,
  value: string | string[],
): ExtendedProperty {
  return { key: extendedPropertyKey(name), name, type, value };
}

/** Returns a new list with the property set (replacing one with the same key). */
export function setExtendedProperty(
  list: readonly ExtendedProperty[],
  property: ExtendedProperty,
): ExtendedProperty[] {
  return [...list.filter((p) => p.key !== property.key), property];
}

export function removeExtendedProperty(list: readonly ExtendedProperty[], key: string): ExtendedProperty[] {
  return list.filter((p) => p.key !== key);
}
