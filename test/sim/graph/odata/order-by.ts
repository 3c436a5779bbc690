import { errors, GraphHttpError } from '../http/graph-response.ts';
import type { FilterNode } from './filter-parse.ts';

/**
 * `$orderby` on Outlook collections (https://learn.microsoft.com/graph/query-parameters#orderby-parameter):
 * comma-separated property paths, each optionally followed by `asc` (default) or `desc`. Sorting happens on
 * the entity's JSON, so a key is a path into it (`from/emailAddress/name`, `start/dateTime`). What cannot
 * be sorted is refused with 400 instead of being ignored, so a client never reads an order it did not get.
 */
export interface OrderKey {
  path: string[];
  descending: boolean;
}

export interface SortableType {
  /** OData type name for errors (`Microsoft.OutlookServices.Message`). */
  typeName: string;
  /** Every top-level property of the type (unknown names answer "Could not find a property"). */
  properties: readonly string[];
  /** Sortable paths, lower-case, `/` separated. */
  sortable: ReadonlySet<string>;
  /** Enumerations sort by their underlying value, not their name (Importance: low < normal < high). */
  ranks?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function parseOrderBy(text: string): OrderKey[] {
  const keys = text.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    const [path, direction, extra] = words;
    const dir = direction?.toLowerCase();
    if (!path || extra !== undefined || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
      throw errors.badRequest(`Invalid $orderby expression '${text}'.`, 'BadRequest');
    }
    return { path: path.split('/'), descending: dir === 'desc' };
  });
  return keys;
}

/** Refuses a key the type does not have (400 RequestBroker--ParseUri) or cannot sort (400 ErrorInvalidUrlQuery). */
export function checkOrderBy(keys: readonly OrderKey[], type: SortableType): void {
  for (const key of keys) {
    const top = key.path[0] ?? '';
    if (!type.properties.some((p) => p.toLowerCase() === top.toLowerCase())) {
      throw errors.badRequest(
        `Could not find a property named '${top}' on type '${type.typeName}'.`,
        'RequestBroker--ParseUri',
      );
    }
    const path = key.path.join('/');
    if (!type.sortable.has(path.toLowerCase())) {
      throw errors.badRequest(`The property '${path}' does not support sorting.`, 'ErrorInvalidUrlQuery');
    }
  }
}

/** Property paths a filter names, in the order they appear, each once. */
export function filterProperties(node: FilterNode | undefined, out: string[] = []): string[] {
  if (!node) return out;
  const add = (path: string[]) => {
    const name = path.join('/').toLowerCase();
    if (!out.includes(name)) out.push(name);
  };
  switch (node.kind) {
    case 'and':
    case 'or':
      filterProperties(node.left, out);
      filterProperties(node.right, out);
      break;
    case 'not':
      filterProperties(node.operand, out);
      break;
    case 'compare':
      if (node.left.kind === 'path') add(node.left.path);
      if (node.right.kind === 'path') add(node.right.path);
      break;
    case 'startswith':
    case 'any':
      add(node.path);
      break;
  }
  return out;
}

/**
 * `$filter` with `$orderby` on messages: the sorted properties must come first in the filter, in the
 * same order; else Exchange answers InefficientFilter
 * (https://learn.microsoft.com/graph/api/user-list-messages#using-filter-and-orderby-in-the-same-query).
 */
export function checkFilterOrder(keys: readonly OrderKey[], filter: FilterNode | undefined): void {
  if (!filter || keys.length === 0) return;
  const inFilter = filterProperties(filter);
  const sorted = keys.map((k) => k.path.join('/').toLowerCase());
  if (sorted.every((name, i) => inFilter[i] === name)) return;
  throw new GraphHttpError(
    400,
    'InefficientFilter',
    'The restriction or sort order is too complex for this operation.',
  );
}

function valueAt(entity: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = entity;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    const lower = segment.toLowerCase();
    const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
    value = key === undefined ? undefined : (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Exchange compares strings without regard to case; missing values sort first. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const byText = a.localeCompare(b, 'en', { sensitivity: 'accent' });
    return byText;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

/** A stable sort of `entries` by `keys`, reading each key from `entityOf(entry)`. */
export function sortEntries<T>(
  entries: T[],
  keys: readonly OrderKey[],
  entityOf: (entry: T) => Record<string, unknown>,
  ranks: SortableType['ranks'] = {},
): T[] {
  if (keys.length === 0) return entries;
  const decorated = entries.map((entry) => ({ entry, entity: entityOf(entry) }));
  const read = (entity: Record<string, unknown>, key: OrderKey): unknown => {
    const value = valueAt(entity, key.path);
    const rank = ranks[key.path.join('/').toLowerCase()];
    return rank && typeof value === 'string' ? (rank[value.toLowerCase()] ?? value) : value;
  };
  decorated.sort((x, y) => {
    for (const key of keys) {
      const order = compareValues(read(x.entity, key), read(y.entity, key));
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
  return decorated.map((d) => d.entry);
}
