import type { GraphServices } from '../graph-services.ts';
import type { GraphRequest } from '../http/graph-request.ts';
import { GraphHttpError } from '../http/graph-response.ts';
import { queryParam } from './query-options.ts';
import { absoluteLink } from './state-token.ts';

/**
 * Delta rounds (https://learn.microsoft.com/graph/delta-query-overview): the first request carries the
 * query options; Graph encodes them, and the position, into `$skiptoken` (`@odata.nextLink`, more pages
 * in this round) and `$deltatoken` (`@odata.deltaLink`, the round is complete). Tokens here are sealed
 * JSON; `initial` holds the options of the first request, so an expired token can point back at it.
 */
export interface DeltaState {
  kind: 'messages' | 'folders' | 'events';
  /** Mailbox GUID. */
  mailbox: string;
  /** Segments of the canonical delta path (links are built from it). */
  path: string[];
  /** Query parameters of the initial request (the Location of a 410). */
  initial: Record<string, string>;
  epoch: number;
  issuedAt: number;
  /** True until the round that started from scratch has handed out its deltaLink. */
  firstRound: boolean;
  watermark?: number;
  /** Offset into a list recomputed per page (folder delta) or a server-side cursor (events). */
  offset?: number;
  cursor?: string;
  pageSize?: number;
}

export function syncStateError(
  services: GraphServices,
  request: GraphRequest,
  state?: DeltaState,
): GraphHttpError {
  const status = services.settings.expiredDeltaTokenStatus;
  const initial = state
    ? absoluteLink(request.origin, request.version, state.path, state.initial)
    : absoluteLink(request.origin, request.version, request.segments, {});
  return new GraphHttpError(
    status,
    'syncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    status === 410 ? { Location: initial } : {},
  );
}

/**
 * The state a request continues from, or undefined for the first request of a fresh round. A token that
 * cannot be read, belongs to another mailbox or kind, predates `model.invalidateSyncStates`, or is older
 * than the configured maximum age, is expired.
 */
export function readDeltaState(
  services: GraphServices,
  request: GraphRequest,
  kind: DeltaState['kind'],
  mailboxId: string,
): DeltaState | undefined {
  const text = queryParam(request.query, '$skiptoken') ?? queryParam(request.query, '$deltatoken');
  if (text === undefined || text === '') return undefined;
  const payload = services.sealer.open(text) as Partial<DeltaState> | undefined;
  if (!payload || payload.kind !== kind || payload.mailbox !== mailboxId || !Array.isArray(payload.path)) {
    throw syncStateError(services, request);
  }
  const state = payload as DeltaState;
  const tooOld = services.clock() - state.issuedAt > services.settings.deltaTokenMaxAgeMs;
  if (state.epoch !== services.model.syncEpoch(mailboxId) || tooOld)
    throw syncStateError(services, request, state);
  return state;
}

/** `@odata.nextLink` (round continues) or `@odata.deltaLink` (round complete) for the next state. */
export function deltaLinks(
  services: GraphServices,
  request: GraphRequest,
  next: DeltaState,
  complete: boolean,
): Record<string, string> {
  const token = services.sealer.seal({ ...next, issuedAt: services.clock() });
  return complete
    ? { '@odata.deltaLink': absoluteLink(request.origin, request.version, next.path, { $deltatoken: token }) }
    : { '@odata.nextLink': absoluteLink(request.origin, request.version, next.path, { $skiptoken: token }) };
}

/** Page size of a delta response: `Prefer: odata.maxpagesize`, else what the round started with, else the default. */
export function deltaPageSize(
  services: GraphServices,
  requested: number | undefined,
  state: DeltaState | undefined,
): number {
  const size = requested ?? state?.pageSize ?? services.settings.deltaPageSize;
  return Math.max(1, Math.min(size, services.settings.maxDeltaPageSize));
}

/** Query parameters of the initial request worth keeping in the token. */
export function initialParams(request: GraphRequest, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = queryParam(request.query, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
