import type { FolderView } from '../../model/index.ts';
import type { Instance, Window } from '../calendar/instances.ts';
import { calendarInstances, instanceId, instanceJson, viewWindow } from '../calendar/instances.ts';
import type { GraphServices } from '../graph-services.ts';
import { errors, json } from '../http/graph-response.ts';
import type { DeltaState } from '../odata/delta-token.ts';
import { deltaLinks, deltaPageSize, readDeltaState, syncStateError } from '../odata/delta-token.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import type { OccurrenceView } from '../serialize/event-json.ts';
import { calendarFolder } from './calendar-routes.ts';

/**
 * Calendar view delta (https://learn.microsoft.com/graph/api/event-delta,
 * https://learn.microsoft.com/graph/delta-query-events): the window given by startDateTime and
 * endDateTime in the first request is fixed for every later round (it is encoded in the tokens), and
 * `$select` is not supported. Each round compares the instances now in the window with the snapshot the
 * previous round left in the server-side cache: new or changed instances come back whole, vanished
 * ones as `@removed`.
 */
interface SnapshotEntry {
  key: string;
  version: string;
  defaultId: string;
  immutableId: string;
  /** Model immutable id of the item and the occurrence times, to load it again when paging. */
  itemKey: string;
  occurrence?: OccurrenceView;
}

interface Snapshot {
  folderId: string;
  window: Window;
  entries: SnapshotEntry[];
}

interface Round {
  snapshot: string;
  pending: (SnapshotEntry & { removed: boolean })[];
}

function snapshotOf(instances: Iterable<Instance>): SnapshotEntry[] {
  return [...instances].map((i) => ({
    key: i.key,
    version: i.version,
    defaultId: instanceId(i, false),
    immutableId: instanceId(i, true),
    itemKey: i.item.immutableId,
    ...(i.occurrence ? { occurrence: i.occurrence } : {}),
  }));
}

export function calendarViewDeltaRoutes(services: GraphServices): MailboxRoute[] {
  return [
    'users/:user/calendarView/delta',
    'users/:user/calendar/calendarView/delta',
    'users/:user/calendars/:calendar/calendarView/delta',
  ].map((path): MailboxRoute => ({
    method: 'GET',
    path,
    operation: 'event-delta',
    scope: 'mailbox',
    handle: (context) => calendarViewDelta(services, context),
  }));
}

function startRound(
  services: GraphServices,
  folder: FolderView,
  window: Window,
  previous?: Snapshot,
): string {
  const entries = snapshotOf(calendarInstances(services.model, folder, window));
  const snapshot = services.cursors.put({ folderId: folder.id, window, entries } satisfies Snapshot);
  const before = new Map((previous?.entries ?? []).map((e) => [e.key, e]));
  const pending: Round['pending'] = [];
  for (const entry of entries) {
    if (before.get(entry.key)?.version !== entry.version) pending.push({ ...entry, removed: false });
    before.delete(entry.key);
  }
  for (const gone of before.values()) pending.push({ ...gone, removed: true });
  return services.cursors.put({ snapshot, pending } satisfies Round);
}

function calendarViewDelta(services: GraphServices, context: MailboxContext) {
  const { request, mailbox } = context;
  // "Delta query doesn't support $expand, $filter, $orderby, $select, and $search" for events
  // (https://learn.microsoft.com/graph/api/event-delta#query-parameters).
  if (context.options.orderBy) {
    throw errors.badRequest(
      '$orderby is not supported on a calendarView delta query.',
      'ErrorInvalidUrlQuery',
    );
  }
  const model = services.model;
  let state = readDeltaState(services, request, 'events', mailbox.id);
  if (!state || state.offset === undefined) {
    // A fresh round: from scratch, or from the snapshot a deltaLink names.
    const previous = state?.cursor !== undefined ? services.cursors.get<Snapshot>(state.cursor) : undefined;
    if (state && !previous) throw syncStateError(services, request, state);
    const folder = previous ? model.folder(previous.folderId) : calendarFolder(services, context);
    if (!folder) throw syncStateError(services, request, state);
    const window = previous?.window ?? viewWindow(request.query);
    state = {
      kind: 'events',
      mailbox: mailbox.id,
      path: ['users', mailbox.id, 'calendars', folder.id, 'calendarView', 'delta'],
      initial: { startDateTime: window.startText, endDateTime: window.endText },
      epoch: model.syncEpoch(mailbox.id),
      issuedAt: services.clock(),
      firstRound: !state,
      cursor: startRound(services, folder, window, previous),
      offset: 0,
    };
  }
  const round = state.cursor !== undefined ? services.cursors.get<Round>(state.cursor) : undefined;
  if (!round) throw syncStateError(services, request, state);
  const size = deltaPageSize(services, context.options.maxPageSize, state);
  const offset = state.offset ?? 0;
  const immutable = context.options.immutableIds;
  const value = round.pending.slice(offset, offset + size).map((entry) => {
    const item = entry.removed ? undefined : model.itemByImmutableId(entry.itemKey);
    if (!item) {
      const id = immutable ? entry.immutableId : entry.defaultId;
      return { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } };
    }
    return instanceJson(
      {
        key: entry.key,
        item,
        version: entry.version,
        ...(entry.occurrence ? { occurrence: entry.occurrence } : {}),
      },
      immutable,
      mailbox.primarySmtp,
    );
  });
  const complete = offset + size >= round.pending.length;
  const next: DeltaState = complete
    ? { ...state, cursor: round.snapshot, offset: undefined, firstRound: false, pageSize: size }
    : { ...state, offset: offset + size, pageSize: size };
  return json({ ...deltaLinks(services, request, next, complete), value });
}
