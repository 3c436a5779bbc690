import type { ItemChangeEntry } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { errors, json } from '../http/graph-response.ts';
import { resolveFolder, toGraphImmutableId } from '../ids/graph-ids.ts';
import type { DeltaState } from '../odata/delta-token.ts';
import { deltaLinks, deltaPageSize, initialParams, readDeltaState } from '../odata/delta-token.ts';
import type { FilterNode } from '../odata/filter-parse.ts';
import type { OrderKey } from '../odata/order-by.ts';
import { sortEntries } from '../odata/order-by.ts';
import { parseQueryOptions, queryParam } from '../odata/query-options.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { itemMatches, renderItem } from './render-message.ts';

/**
 * Per-folder message delta (https://learn.microsoft.com/graph/api/message-delta,
 * https://learn.microsoft.com/graph/delta-query-messages): `$select`, `$expand`, `$top` and the
 * `changeType` option (created, updated, deleted; applied from the second round on) are given once and
 * kept in the tokens; `$filter` only as `receivedDateTime ge|gt {value}`. Removals — deletions and moves
 * out of the folder — come as `{ id, "@removed": { "reason": "deleted" } }`.
 */
const KEPT_OPTIONS = ['$select', '$expand', '$filter', '$top', '$orderby', 'changeType'];
const CHANGE_TYPES: Record<string, ReadonlySet<ItemChangeEntry['type']>> = {
  created: new Set(['create']),
  updated: new Set(['update', 'readFlag']),
  deleted: new Set(['delete']),
};

/**
 * "The only supported $orderby expression is $orderby=receivedDateTime+desc"
 * (https://learn.microsoft.com/graph/delta-query-messages#use-query-parameters-in-a-delta-query-for-messages).
 */
function checkOrderBy(keys: readonly OrderKey[] | undefined): void {
  if (!keys) return;
  const [key] = keys;
  const ok = keys.length === 1 && key?.descending && key.path.join('/').toLowerCase() === 'receiveddatetime';
  if (!ok)
    throw errors.badRequest(
      'Delta queries support $orderby only as receivedDateTime desc.',
      'ErrorInvalidUrlQuery',
    );
}

function checkFilter(filter: FilterNode | undefined): void {
  if (!filter) return;
  const ok =
    filter.kind === 'compare' &&
    (filter.op === 'ge' || filter.op === 'gt') &&
    filter.left.kind === 'path' &&
    filter.left.path.join('/').toLowerCase() === 'receiveddatetime';
  if (!ok)
    throw errors.badRequest(
      'Delta queries support $filter only on receivedDateTime with ge or gt.',
      'ErrorInvalidUrlQueryFilter',
    );
}

export function messageDeltaRoute(services: GraphServices): MailboxRoute {
  return {
    method: 'GET',
    path: 'users/:user/mailFolders/:folder/messages/delta',
    operation: 'message-delta',
    scope: 'mailbox',
    handle: (context) => messageDelta(services, context),
  };
}

function messageDelta(services: GraphServices, context: MailboxContext) {
  const { request, mailbox } = context;
  const model = services.model;
  let state: DeltaState | undefined = readDeltaState(services, request, 'messages', mailbox.id);
  if (!state) {
    const folder = resolveFolder(model, mailbox, context.params['folder'] ?? '');
    const changeType = queryParam(request.query, 'changeType');
    if (changeType !== undefined && !CHANGE_TYPES[changeType.toLowerCase()]) {
      throw errors.badRequest(
        `Invalid changeType '${changeType}'. Supported values are created, updated or deleted.`,
      );
    }
    checkFilter(context.options.filter);
    checkOrderBy(context.options.orderBy);
    state = {
      kind: 'messages',
      mailbox: mailbox.id,
      path: ['users', mailbox.id, 'mailFolders', folder.id, 'messages', 'delta'],
      initial: initialParams(request, KEPT_OPTIONS),
      epoch: model.syncEpoch(mailbox.id),
      issuedAt: services.clock(),
      firstRound: true,
      watermark: 0,
    };
  }
  // Options come from the initial request (kept in the token); the Prefer header is per request.
  const options = parseQueryOptions({ ...request, query: new URLSearchParams(state.initial) });
  const folderId = state.path[3] ?? '';
  const wanted = state.firstRound
    ? undefined
    : CHANGE_TYPES[(state.initial['changeType'] ?? '').toLowerCase()];
  const size = deltaPageSize(services, context.options.maxPageSize ?? options.top, state);
  const page = model.itemChanges(folderId, state.watermark ?? 0, size);
  const value: Record<string, unknown>[] = [];
  for (const change of page.changes) {
    if (wanted && !wanted.has(change.type)) continue;
    if (change.type === 'delete') {
      const id = context.options.immutableIds
        ? toGraphImmutableId(services.immutableIds.lookup(change.id))
        : change.id;
      value.push({ '@odata.type': '#microsoft.graph.message', id, '@removed': { reason: 'deleted' } });
      continue;
    }
    const item = change.load?.();
    if (!item || !itemMatches(services, item, options.filter, context.options.immutableIds)) continue;
    value.push(renderItem(services, item, { ...options, immutableIds: context.options.immutableIds }));
  }
  // Within a page; removals have no receivedDateTime and come last.
  services.counters.itemRecords('graph', 'message-delta', value.length);
  const ordered = options.orderBy ? sortEntries(value, options.orderBy, (entry) => entry) : value;
  const next: DeltaState = {
    ...state,
    watermark: page.watermark,
    firstRound: state.firstRound && !page.complete,
    pageSize: size,
  };
  return json({ ...deltaLinks(services, request, next, page.complete), value: ordered });
}
