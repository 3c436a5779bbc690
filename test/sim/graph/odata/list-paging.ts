import type { GraphRequest } from '../http/graph-request.ts';
import { errors } from '../http/graph-response.ts';
import type { QueryOptions } from './query-options.ts';
import { absoluteLink } from './state-token.ts';

/**
 * Paging of plain (non-delta) Outlook collections: `$top` sets the page size within the API's bounds,
 * the next page is `@odata.nextLink` with `$skip` advanced, carrying the other query options along
 * (https://learn.microsoft.com/graph/paging; list messages: default 10, `$top` 1–1000,
 * https://learn.microsoft.com/graph/api/user-list-messages).
 */
export interface PageBounds {
  defaultSize: number;
  maxSize: number;
}

export const OUTLOOK_PAGE: PageBounds = { defaultSize: 10, maxSize: 1000 };

export function pageSize(options: QueryOptions, bounds: PageBounds): number {
  const size = options.top ?? bounds.defaultSize;
  if (size < 1 || size > bounds.maxSize) {
    throw errors.badRequest(
      `The value of $top must be between 1 and ${bounds.maxSize}.`,
      'ErrorInvalidUrlQuery',
    );
  }
  return size;
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

/** Takes one page from a lazy sequence (reading one element past it to know whether more follow). */
export function takePage<T>(
  source: Iterable<T>,
  request: GraphRequest,
  options: QueryOptions,
  bounds: PageBounds,
): Page<T> {
  const size = pageSize(options, bounds);
  const skip = options.skip ?? 0;
  const items: T[] = [];
  let index = 0;
  let more = false;
  for (const element of source) {
    if (index++ < skip) continue;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(element);
  }
  if (!more) return { items };
  const params: Record<string, string> = {};
  for (const [key, value] of request.query) {
    if (!['$skip', '$top'].includes(key.toLowerCase())) params[key] = value;
  }
  params['$top'] = String(size);
  params['$skip'] = String(skip + size);
  return { items, nextLink: absoluteLink(request.origin, request.version, request.segments, params) };
}

/** The usual collection body: `value`, plus `@odata.nextLink` when there is more. */
export function collection(value: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, value };
}
