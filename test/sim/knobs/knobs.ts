import { hashString, mix } from '../model/hash.ts';
import type { FaultKind, KnobPatch, KnobSettings, ThrottleLimits } from './knob-settings.ts';
import { DEFAULT_KNOBS, mergeKnobs } from './knob-settings.ts';
import type { CounterSnapshot } from './request-counters.ts';
import { RequestCounters } from './request-counters.ts';
import type { RequestFilter, RequestInfo } from './request-filter.ts';
import { matchesFilter, matchesOperation } from './request-filter.ts';

/** A request about to be served, as the knobs need to see it. */
export interface AdmissionRequest extends RequestInfo {
  /**
   * Whose budget the request is charged to. EWS: the calling account (with impersonation the service
   * account has its own EWSMaxConcurrency budget). Graph: application + mailbox.
   */
  budgetKey: string;
}

export type Admission =
  | { outcome: 'proceed'; release: () => void }
  | {
      outcome: 'throttled';
      reason: 'concurrency' | 'rate' | 'scripted';
      backOffMs: number;
      limits?: ThrottleLimits;
    }
  | { outcome: 'fault'; kind: FaultKind };

interface Scripted<T> {
  filter: RequestFilter;
  remaining: number;
  value: T;
}

function seedNumber(seed: number | string): number {
  return typeof seed === 'number' ? seed >>> 0 : hashString(seed);
}

/**
 * Latency, fault injection, throttling and request counters, shared by the EWS and Graph endpoints.
 * Random decisions are a pure function of the seed and the order of requests, so a sequential test
 * sees the same faults on every run.
 */
export class Knobs {
  private current: KnobSettings;
  readonly counters = new RequestCounters();
  private readonly inFlight = new Map<string, number>();
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly scriptedFaults: Scripted<FaultKind>[] = [];
  private readonly scriptedThrottles: Scripted<number | undefined>[] = [];
  private faultSequence = 0;
  private latencySequence = 0;
  private readonly clock: () => number;

  constructor(patch: KnobPatch = {}, clock: () => number = Date.now) {
    this.current = mergeKnobs(structuredClone(DEFAULT_KNOBS), patch);
    this.clock = clock;
  }

  get settings(): Readonly<KnobSettings> {
    return this.current;
  }

  /** Changes settings; unspecified values stay. Resets the random fault sequence when faults change. */
  configure(patch: KnobPatch): void {
    this.current = mergeKnobs(this.current, patch);
    if (patch.faults) this.faultSequence = 0;
    if (patch.latency) this.latencySequence = 0;
  }

  /** Makes the next `count` matching requests fail with `kind`, before any random decision. */
  injectFault(kind: FaultKind, filter: RequestFilter = {}, count = 1): void {
    this.scriptedFaults.push({ filter, remaining: count, value: kind });
  }

  /** Makes the next `count` matching requests throttled, whatever the budgets say. */
  injectThrottle(filter: RequestFilter = {}, count = 1, backOffMs?: number): void {
    this.scriptedThrottles.push({ filter, remaining: count, value: backOffMs });
  }

  /** Forgets scripted faults and throttles that have not fired. */
  clearScripted(): void {
    this.scriptedFaults.length = 0;
    this.scriptedThrottles.length = 0;
  }

  counterSnapshot(): CounterSnapshot {
    return this.counters.snapshot();
  }

  /** Requests currently being served for a budget key. */
  inFlightFor(budgetKey: string): number {
    return this.inFlight.get(budgetKey) ?? 0;
  }

  limitsFor(protocol: string): ThrottleLimits | undefined {
    return this.current.throttling.limits[protocol];
  }

  private takeScripted<T>(list: Scripted<T>[], request: RequestInfo): Scripted<T> | undefined {
    const index = list.findIndex((s) => matchesFilter(s.filter, request));
    const entry = list[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) list.splice(index, 1);
    return entry;
  }

  private randomFault(request: RequestInfo): FaultKind | undefined {
    const faults = this.current.faults;
    if (faults.rate <= 0) return undefined;
    if (faults.protocols && !faults.protocols.includes(request.protocol)) return undefined;
    if (!matchesOperation(faults.operations, request)) return undefined;
    if (faults.mailboxes && !faults.mailboxes.some((m) => m.toLowerCase() === request.mailbox?.toLowerCase()))
      return undefined;
    const n = this.faultSequence++;
    const seed = seedNumber(faults.seed);
    if (mix(seed, n) / 4294967296 >= faults.rate) return undefined;
    return faults.kinds[mix(seed, n, 0x6b) % faults.kinds.length];
  }

  private latencyFor(request: RequestInfo): number {
    const latency = this.current.latency;
    const override =
      latency.byOperation?.[`${request.protocol}:${request.operation}`] ??
      latency.byOperation?.[request.operation];
    const { minMs, maxMs } = override ?? latency;
    if (maxMs <= 0) return 0;
    const n = this.latencySequence++;
    return minMs + Math.floor((mix(seedNumber(latency.seed ?? 1), n) / 4294967296) * (maxMs - minMs + 1));
  }

  private overRate(limits: ThrottleLimits, budgetKey: string): boolean {
    const window = limits.requestsPerWindow;
    if (!window) return false;
    const now = this.clock();
    const state = this.windows.get(budgetKey);
    if (!state || now - state.start >= window.windowMs) {
      this.windows.set(budgetKey, { start: now, count: 1 });
      return false;
    }
    state.count++;
    return state.count > window.limit;
  }

  /**
   * Decides what happens to a request: a fault, a throttling answer, or service (after the configured
   * latency, holding a concurrency slot until `release()`).
   */
  async admit(request: AdmissionRequest): Promise<Admission> {
    this.counters.request(request.protocol, request.operation, request.mailbox);
    const fault = this.takeScripted(this.scriptedFaults, request)?.value ?? this.randomFault(request);
    if (fault) {
      this.counters.fault(fault);
      return { outcome: 'fault', kind: fault };
    }
    const limits = this.current.throttling.limits[request.protocol];
    const scripted = this.takeScripted(this.scriptedThrottles, request);
    if (scripted) {
      this.counters.throttled('scripted');
      return {
        outcome: 'throttled',
        reason: 'scripted',
        backOffMs: scripted.value ?? limits?.backOffMs ?? 1000,
        ...(limits ? { limits } : {}),
      };
    }
    const key = `${request.protocol}:${request.budgetKey}`;
    const busy = this.inFlight.get(key) ?? 0;
    if (this.current.throttling.enabled && limits) {
      if (busy >= limits.maxConcurrent) {
        this.counters.throttled('concurrency');
        return { outcome: 'throttled', reason: 'concurrency', backOffMs: limits.backOffMs, limits };
      }
      if (this.overRate(limits, key)) {
        this.counters.throttled('rate');
        return { outcome: 'throttled', reason: 'rate', backOffMs: limits.backOffMs, limits };
      }
    }
    this.inFlight.set(key, busy + 1);
    this.counters.concurrency(key, busy + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const now = (this.inFlight.get(key) ?? 1) - 1;
      if (now <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, now);
    };
    const delay = this.latencyFor(request);
    if (delay > 0) await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
    return { outcome: 'proceed', release };
  }
}
