import type { ExtendedProperty, ExtendedPropertyName, ItemRecord, MapiType } from '../../model/index.ts';
import {
  MAPI_TYPES,
  isWritableProperty,
  makeExtendedProperty,
  normaliseGuid,
  readItemProperty,
} from '../../model/index.ts';
import { errors } from '../http/graph-response.ts';
import type { ExpandOption } from '../odata/query-options.ts';
import { lambdaIds } from '../odata/filter-parse.ts';

/**
 * Graph's singleValueExtendedProperties ids: `{type} {proptag}` (`Integer 0x36`), `{type} {guid} Name
 * {name}` and `{type} {guid} Id {id}`
 * (https://learn.microsoft.com/graph/api/resources/singlevaluelegacyextendedproperty).
 * They map onto the model's extended property names, so PR_SENSITIVITY (`Integer 0x36`) reads the
 * item's sensitivity, which messages in v1.0 have no first-class property for.
 */
export interface GraphPropertyId {
  name: ExtendedPropertyName;
  type: MapiType;
}

function number(text: string): number | undefined {
  const n = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isNaN(n) ? undefined : n;
}

export function parseGraphPropertyId(id: string): GraphPropertyId | undefined {
  const parts = id.trim().split(/\s+/);
  const type = MAPI_TYPES.find((t) => t.toLowerCase() === parts[0]?.toLowerCase());
  if (!type) return undefined;
  if (parts.length === 2) {
    const tag = number(parts[1] ?? '');
    return tag !== undefined && tag <= 0xffff ? { type, name: { tag } } : undefined;
  }
  const guid = normaliseGuid(parts[1] ?? '');
  const kind = parts[2]?.toLowerCase();
  if (!guid || parts.length < 4) return undefined;
  if (kind === 'name') return { type, name: { propertySetId: guid, name: parts.slice(3).join(' ') } };
  const numeric = number(parts[3] ?? '');
  if (kind === 'id' && numeric !== undefined && parts.length === 4)
    return { type, name: { propertySetId: guid, id: numeric } };
  return undefined;
}

export function formatGraphPropertyId(property: ExtendedProperty): string {
  const name = property.name;
  if ('tag' in name) return `${property.type} 0x${name.tag.toString(16)}`;
  if ('name' in name) return `${property.type} {${name.propertySetId}} Name ${name.name}`;
  return `${property.type} {${name.propertySetId}} Id 0x${name.id.toString(16)}`;
}

export interface SingleValueJson {
  id: string;
  value: string;
}

function singleValue(property: ExtendedProperty, id: string): SingleValueJson {
  return { id, value: Array.isArray(property.value) ? (property.value[0] ?? '') : property.value };
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…')`: the named properties the item has. */
export function expandSingleValues(record: ItemRecord, expand: ExpandOption): SingleValueJson[] {
  if (!expand.filter) {
    return record.extendedProperties
      .filter((p) => !Array.isArray(p.value))
      .map((p) => singleValue(p, formatGraphPropertyId(p)));
  }
  const out: SingleValueJson[] = [];
  for (const id of lambdaIds(expand.filter)) {
    const parsed = parseGraphPropertyId(id);
    if (!parsed)
      throw errors.badRequest(`The extended property id '${id}' is not valid.`, 'ErrorInvalidProperty');
    const property = readItemProperty(record, parsed.name);
    if (property) out.push(singleValue(property, id));
  }
  return out;
}

/** Properties a `$filter` lambda names, read from the item, so the filter can test them. */
export function filterSingleValues(record: ItemRecord, ids: readonly string[]): SingleValueJson[] {
  const out: SingleValueJson[] = [];
  for (const id of ids) {
    const parsed = parseGraphPropertyId(id);
    const property = parsed ? readItemProperty(record, parsed.name) : undefined;
    if (property) out.push(singleValue(property, id));
  }
  return out;
}

/** PATCH / POST body entries → model properties to set. */
export function extendedPropertiesFromBody(value: unknown): ExtendedProperty[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw errors.badRequest('singleValueExtendedProperties must be an array.');
  return value.map((entry: unknown) => {
    const { id, value: v } = (entry ?? {}) as { id?: unknown; value?: unknown };
    const parsed = typeof id === 'string' ? parseGraphPropertyId(id) : undefined;
    if (!parsed || typeof v !== 'string') {
      throw errors.badRequest(`The extended property '${String(id)}' is not valid.`, 'ErrorInvalidProperty');
    }
    if (!isWritableProperty(parsed.name)) {
      throw errors.badRequest(`The property '${String(id)}' is read-only.`, 'ErrorInvalidPropertySet');
    }
    return makeExtendedProperty(parsed.name, parsed.type, v);
  });
}
