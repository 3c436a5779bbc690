/**
 * Test knobs shared by every simulated protocol. Settings can be replaced at any time (also while a
 * sync runs); the next request sees the new values.
 */

/** How a request fails when a fault is injected. Each endpoint renders these in its own protocol. */
export type FaultKind =
  /** The TCP connection is destroyed without a response. */
  | 'reset'
  /** HTTP 500 with the protocol's internal-server-error body (EWS: SOAP fault ErrorInternalServerError). */
  | 'http500'
  /** HTTP 503 Service Unavailable (EWS: IIS request queue full). */
  | 'http503'
  /** No response at all until the client gives up (or the simulator closes). */
  | 'timeout'
  /** HTTP 200 with a truncated, unparseable body. */
  | 'malformed';

export const FAULT_KINDS: readonly FaultKind[] = ['reset', 'http500', 'http503', 'timeout', 'malformed'];

export interface LatencySettings {
  /** @default 0 */
  minMs: number;
  /** @default 0 */
  maxMs: number;
}

export interface FaultSettings {
  /** Probability (0..1) that an eligible request fails. @default 0 */
  rate: number;
  /** Kinds to choose from (uniformly). @default all kinds */
  kinds: FaultKind[];
  /** Decisions are a pure function of (seed, n-th eligible request). @default 1 */
  seed: number | string;
  /** Limit to these protocols (e.g. ['ews']). @default all */
  protocols?: string[];
  /** Limit to these operations (e.g. ['GetItem'] or ['ews:GetItem']). @default all */
  operations?: string[];
  /** Limit to requests for these mailboxes (SMTP, case-insensitive). @default all */
  mailboxes?: string[];
}

export interface ThrottleLimits {
  /**
   * Concurrent requests allowed per budget. EWS: EWSMaxConcurrency per calling account (27 on
   * Exchange 2013+ and Exchange Online). Graph: 4 per app and mailbox.
   */
  maxConcurrent: number;
  /** Back-off the client is told to wait (EWS BackOffMilliseconds, Graph Retry-After rounded up to s). */
  backOffMs: number;
  /** Optional request budget per fixed window (Graph: 10,000 per 10 minutes per app and mailbox). */
  requestsPerWindow?: { limit: number; windowMs: number };
  /**
   * EWS response code for an exceeded concurrency budget. Microsoft's throttling table lists
   * ErrorExceededConnectionCount for EWSMaxConcurrency; busy servers answer ErrorServerBusy with
   * BackOffMilliseconds, which is what clients must handle. @default 'ErrorServerBusy'
   */
  concurrencyErrorCode?: string;
  /**
   * EWS only: EWSFindCountLimit, the most items or folders one FindItem/FindFolder response holds
   * (1000 by default; 250 for searches with a restriction on Exchange 2013 and later).
   */
  findCountLimit?: number;
  /** EWS only: EWSFindCountLimit for FindItem with a Restriction. */
  restrictedFindCountLimit?: number;
  /**
   * EWS only: the most changes one SyncFolderHierarchy response holds; the rest follow from its
   * SyncState (IncludesLastFolderInRange false). Exchange documents no number. @default unlimited
   */
  hierarchySyncLimit?: number;
}

export interface ThrottlingSettings {
  /** @default true */
  enabled: boolean;
  /** Limits per protocol name. */
  limits: Record<string, ThrottleLimits>;
}

export interface KnobSettings {
  latency: LatencySettings & { byOperation?: Record<string, LatencySettings>; seed?: number | string };
  faults: FaultSettings;
  throttling: ThrottlingSettings;
}

export const DEFAULT_KNOBS: Readonly<KnobSettings> = {
  latency: { minMs: 0, maxMs: 0 },
  faults: { rate: 0, kinds: [...FAULT_KINDS], seed: 1 },
  throttling: {
    enabled: true,
    limits: {
      ews: { maxConcurrent: 27, backOffMs: 1000, findCountLimit: 1000, restrictedFindCountLimit: 250 },
      graph: { maxConcurrent: 4, backOffMs: 1000, requestsPerWindow: { limit: 10_000, windowMs: 600_000 } },
    },
  },
};

/** Settings patch: every level optional; `limits` entries merge per protocol. */
export interface KnobPatch {
  latency?: Partial<KnobSettings['latency']>;
  faults?: Partial<FaultSettings>;
  throttling?: { enabled?: boolean; limits?: Record<string, Partial<ThrottleLimits>> };
}

function checkShare(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
}

export function mergeKnobs(base: KnobSettings, patch: KnobPatch = {}): KnobSettings {
  const limits: Record<string, ThrottleLimits> = { ...base.throttling.limits };
  for (const [protocol, limit] of Object.entries(patch.throttling?.limits ?? {})) {
    limits[protocol] = { ...(limits[protocol] ?? { maxConcurrent: Infinity, backOffMs: 1000 }), ...limit };
  }
  const merged: KnobSettings = {
    latency: { ...base.latency, ...patch.latency },
    faults: { ...base.faults, ...patch.faults },
    throttling: { enabled: patch.throttling?.enabled ?? base.throttling.enabled, limits },
  };
  checkShare('faults.rate', merged.faults.rate);
  if (merged.latency.minMs < 0 || merged.latency.maxMs < merged.latency.minMs) {
    throw new RangeError('latency needs 0 <= minMs <= maxMs');
  }
  for (const [protocol, limit] of Object.entries(merged.throttling.limits)) {
    if (!(limit.maxConcurrent >= 1))
      throw new RangeError(`throttling.limits.${protocol}.maxConcurrent must be >= 1`);
    if (!(limit.backOffMs >= 0)) throw new RangeError(`throttling.limits.${protocol}.backOffMs must be >= 0`);
  }
  if (merged.faults.kinds.length === 0 && merged.faults.rate > 0)
    throw new RangeError('faults.kinds is empty');
  return merged;
}
