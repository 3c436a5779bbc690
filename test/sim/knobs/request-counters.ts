import type { FaultKind } from './knob-settings.ts';

/** What happened to the requests the simulator received, for assertions in tests. */
export interface CounterSnapshot {
  total: number;
  /** By `protocol:Operation`, e.g. `ews:SyncFolderItems`. */
  byOperation: Record<string, number>;
  /** By target mailbox (lower-case SMTP). */
  byMailbox: Record<string, number>;
  /** By target mailbox, then `protocol:Operation`. */
  byMailboxOperation: Record<string, Record<string, number>>;
  throttled: { concurrency: number; rate: number; scripted: number };
  faults: Record<FaultKind, number>;
  /** Highest number of concurrent requests seen per budget key. */
  peakConcurrency: Record<string, number>;
  /** Requests that named a mailbox with impersonation but sent no X-AnchorMailbox header (EWS). */
  missingAnchorMailbox: number;
  /**
   * Item records the item-sync and item-read operations sent back, by `protocol:Operation`: one per
   * change entry of EWS SyncFolderItems and Graph message delta (removals included), one per item of
   * EWS GetItem. Shows how much of a mailbox a sync re-read (e.g. an incremental run after few changes).
   */
  itemRecords: Record<string, number>;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export class RequestCounters {
  private data: CounterSnapshot = RequestCounters.empty();

  static empty(): CounterSnapshot {
    return {
      total: 0,
      byOperation: {},
      byMailbox: {},
      byMailboxOperation: {},
      throttled: { concurrency: 0, rate: 0, scripted: 0 },
      faults: { reset: 0, http500: 0, http503: 0, timeout: 0, malformed: 0 },
      peakConcurrency: {},
      missingAnchorMailbox: 0,
      itemRecords: {},
    };
  }

  request(protocol: string, operation: string, mailbox: string | undefined): void {
    const op = `${protocol}:${operation}`;
    this.data.total++;
    bump(this.data.byOperation, op);
    if (mailbox) {
      const key = mailbox.toLowerCase();
      bump(this.data.byMailbox, key);
      bump((this.data.byMailboxOperation[key] ??= {}), op);
    }
  }

  throttled(reason: keyof CounterSnapshot['throttled']): void {
    this.data.throttled[reason]++;
  }

  fault(kind: FaultKind): void {
    this.data.faults[kind]++;
  }

  concurrency(budgetKey: string, inFlight: number): void {
    if (inFlight > (this.data.peakConcurrency[budgetKey] ?? 0))
      this.data.peakConcurrency[budgetKey] = inFlight;
  }

  /** `count` item records sent in the answer to one `protocol:Operation` request. */
  itemRecords(protocol: string, operation: string, count: number): void {
    const op = `${protocol}:${operation}`;
    this.data.itemRecords[op] = (this.data.itemRecords[op] ?? 0) + count;
  }

  missingAnchorMailbox(): void {
    this.data.missingAnchorMailbox++;
  }

  /** A deep copy, safe to keep. */
  snapshot(): CounterSnapshot {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = RequestCounters.empty();
  }
}
