import { errors } from '../http/graph-response.ts';
import type { GraphRequest } from '../http/graph-request.ts';
import type { FilterNode } from './filter-parse.ts';
import { FilterSyntaxError, parseFilter } from './filter-parse.ts';
import type { OrderKey } from './order-by.ts';
import { parseOrderBy } from './order-by.ts';

/**
 * OData system query options and the Prefer header, parsed once per request
 * (https://learn.microsoft.com/graph/query-parameters).
 */
export interface ExpandOption {
  name: string;
  filter?: FilterNode;
}

export interface QueryOptions {
  select?: string[];
  top?: number;
  skip?: number;
  filter?: FilterNode;
  /** The `$filter` text, kept for tokens that re-apply it on later pages. */
  filterText?: string;
  expand: ExpandOption[];
  /** `$orderby`, parsed but not yet checked against the entity type (the route knows it). */
  orderBy?: OrderKey[];
  /** `Prefer: odata.maxpagesize=N`. */
  maxPageSize?: number;
  /** `Prefer: IdType="ImmutableId"` (https://learn.microsoft.com/graph/outlook-immutable-id). */
  immutableIds: boolean;
}

/** Case-insensitive query parameter (`$Select` and `$select` are the same option). */
export function queryParam(query: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function filterOf(text: string): FilterNode {
  try {
    return parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw errors.badRequest(`Invalid filter clause: ${error.message}`, 'BadRequest');
    }
    throw error;
  }
}

function parseExpand(text: string | undefined): ExpandOption[] {
  if (!text) return [];
  return splitTopLevel(text).map((part) => {
    const open = part.indexOf('(');
    if (open < 0) return { name: part };
    const name = part.slice(0, open).trim();
    const inner = part.slice(open + 1, part.lastIndexOf(')'));
    const filterPart = inner.split(';').find((o) => o.trim().toLowerCase().startsWith('$filter='));
    return filterPart ? { name, filter: filterOf(filterPart.slice(filterPart.indexOf('=') + 1)) } : { name };
  });
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()))
    throw errors.badRequest(`Invalid value '${text}' for query option ${name}.`);
  return Number(text);
}

/** Values of the Prefer header (comma separated `name=value` pairs, quotes removed). */
export function preferences(headers: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (headers['prefer'] ?? '').split(',')) {
    const [name, ...rest] = part.split('=');
    if (!name?.trim()) continue;
    out.set(name.trim().toLowerCase(), rest.join('=').trim().replace(/^"|"$/g, ''));
  }
  return out;
}

export function parseQueryOptions(request: GraphRequest): QueryOptions {
  const select = queryParam(request.query, '$select');
  const filterText = queryParam(request.query, '$filter');
  const top = integer('$top', queryParam(request.query, '$top'));
  const skip = integer('$skip', queryParam(request.query, '$skip'));
  const orderBy = queryParam(request.query, '$orderby');
  const prefer = preferences(request.headers);
  const pageSize = prefer.get('odata.maxpagesize');
  const maxPageSize = pageSize !== undefined && /^\d+$/.test(pageSize) ? Number(pageSize) : undefined;
  return {
    ...(select
      ? {
          select: select
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(top !== undefined ? { top } : {}),
    ...(skip !== undefined ? { skip } : {}),
    ...(filterText ? { filter: filterOf(filterText), filterText } : {}),
    expand: parseExpand(queryParam(request.query, '$expand')),
    ...(orderBy ? { orderBy: parseOrderBy(orderBy) } : {}),
    ...(maxPageSize ? { maxPageSize } : {}),
    immutableIds: prefer.get('idtype')?.toLowerCase() === 'immutableid',
  };
}
