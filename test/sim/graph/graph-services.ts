import type { RequestCounters } from '../knobs/request-counters.ts';
import type { MailboxModel } from '../model/index.ts';
import type { ImmutableIdIndex } from './ids/immutable-index.ts';
import type { TokenSealer } from './odata/state-token.ts';
import type { ServerStateCache } from './odata/server-state-cache.ts';

/**
 * Behaviour switches of the Graph endpoint that tests may change while it runs.
 */
export interface GraphSettings {
  /**
   * Status for an expired or unknown delta/skip token. Microsoft documents both a "40X-series error with
   * error codes such as syncStateNotFound" (token expired) and "410 (gone) and a Location header
   * containing a request URL with an empty $deltaToken (same as the initial query)" (synchronization
   * reset) (https://learn.microsoft.com/graph/delta-query-overview). The code is always
   * `syncStateNotFound`; with 410 a `Location` header names the initial query. @default 410
   */
  expiredDeltaTokenStatus: 400 | 404 | 410;
  /** Delta and skip tokens older than this are expired (Outlook has no fixed lifetime). @default Infinity */
  deltaTokenMaxAgeMs: number;
  /** Page size of a delta round without `Prefer: odata.maxpagesize`. @default 10 */
  deltaPageSize: number;
  /** Largest delta page, whatever odata.maxpagesize asks for. @default 1000 */
  maxDeltaPageSize: number;
}

export const DEFAULT_GRAPH_SETTINGS: GraphSettings = {
  expiredDeltaTokenStatus: 410,
  deltaTokenMaxAgeMs: Number.POSITIVE_INFINITY,
  deltaPageSize: 10,
  maxDeltaPageSize: 1000,
};

/** What route handlers share. */
export interface GraphServices {
  model: MailboxModel;
  sealer: TokenSealer;
  immutableIds: ImmutableIdIndex;
  /** Server-side cursors (calendar view snapshots, directory member lists). */
  cursors: ServerStateCache;
  settings: GraphSettings;
  clock: () => number;
  /** The knobs' counters, for what handlers count beyond requests (item records). */
  counters: RequestCounters;
}
