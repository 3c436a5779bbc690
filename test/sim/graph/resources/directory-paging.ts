import type { GraphServices } from '../graph-services.ts';
import { GraphHttpError } from '../http/graph-response.ts';
import { queryParam } from '../odata/query-options.ts';
import { absoluteLink } from '../odata/state-token.ts';
import type { DirectoryContext } from '../routing/router.ts';

/**
 * Paging of directory collections: default page 100, `$top` 1–999, next page by an opaque `$skiptoken`
 * (https://learn.microsoft.com/graph/paging). The full result (object ids) is computed once, on the
 * first page, and kept in the server-side cache under the token, so later pages of a 10,000-member
 * group do not flatten the group again.
 */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;

export interface DirectoryPage {
  ids: string[];
  links: Record<string, string>;
}

function pageSize(context: DirectoryContext): number {
  const size = context.options.top ?? DEFAULT_PAGE;
  if (size < 1 || size > MAX_PAGE) {
    throw new GraphHttpError(
      400,
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${size}'. Must be between 1 and ${MAX_PAGE} inclusive.`,
    );
  }
  return size;
}

export function directoryPage(
  services: GraphServices,
  context: DirectoryContext,
  kind: string,
  compute: () => string[],
): DirectoryPage {
  const { request } = context;
  const size = pageSize(context);
  const token = queryParam(request.query, '$skiptoken');
  let cursor: string;
  let offset = 0;
  let ids: string[] | undefined;
  if (token) {
    const state = services.sealer.open(token);
    ids = typeof state?.['cursor'] === 'string' ? services.cursors.get<string[]>(state['cursor']) : undefined;
    if (!state || state['kind'] !== kind || !ids) {
      throw new GraphHttpError(
        400,
        'Directory_ExpiredPageToken',
        'The specified page token value has expired and can no longer be included in your request.',
      );
    }
    cursor = state['cursor'] as string;
    offset = Number(state['offset']) || 0;
  } else {
    ids = compute();
    cursor = services.cursors.put(ids);
  }
  const pageIds = ids.slice(offset, offset + size);
  if (offset + size >= ids.length) return { ids: pageIds, links: {} };
  const params: Record<string, string> = {};
  for (const [key, value] of request.query) if (key.toLowerCase() !== '$skiptoken') params[key] = value;
  params['$skiptoken'] = services.sealer.seal({ kind, cursor, offset: offset + size });
  return {
    ids: pageIds,
    links: { '@odata.nextLink': absoluteLink(request.origin, request.version, request.segments, params) },
  };
}
