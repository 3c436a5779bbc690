import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Admission, AdmissionRequest } from './knobs.ts';
import { Knobs } from './knobs.ts';

const request = (overrides: Partial<AdmissionRequest> = {}): AdmissionRequest => ({
  protocol: 'ews',
  operation: 'GetItem',
  mailbox: 'user00001@example.test',
  budgetKey: 'example\\svc',
  ...overrides,
});

function kind(admission: Admission): string {
  if (admission.outcome === 'proceed') {
    admission.release();
    return 'ok';
  }
  return admission.outcome === 'fault' ? admission.kind : `throttled:${admission.reason}`;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Knobs', () => {
  it('decides random faults from the seed and the request order alone', async () => {
    const sequence = async (seed: string): Promise<string[]> => {
      const knobs = new Knobs({ faults: { rate: 0.3, seed, kinds: ['reset', 'http503'] } });
      const out: string[] = [];
      for (let i = 0; i < 200; i++) out.push(kind(await knobs.admit(request())));
      return out;
    };
    const a = await sequence('alpha');
    expect(await sequence('alpha')).toEqual(a);
    expect(await sequence('beta')).not.toEqual(a);
    const faults = a.filter((k) => k !== 'ok').length;
    expect(faults / a.length).toBeGreaterThan(0.2);
    expect(faults / a.length).toBeLessThan(0.4);
  });

  it('fires scripted faults and throttles for matching requests only', async () => {
    const knobs = new Knobs();
    knobs.injectFault('http500', { operation: 'SyncFolderItems', mailbox: 'USER00002@example.test' }, 2);
    knobs.injectThrottle({ protocol: 'graph' }, 1, 5000);
    expect(kind(await knobs.admit(request()))).toBe('ok');
    expect(
      kind(await knobs.admit(request({ operation: 'SyncFolderItems', mailbox: 'user00002@example.test' }))),
    ).toBe('http500');
    expect(
      kind(
        await knobs.admit(request({ operation: 'ews:SyncFolderItems', mailbox: 'user00002@example.test' })),
      ),
    ).toBe('ok');
    expect(
      kind(await knobs.admit(request({ operation: 'SyncFolderItems', mailbox: 'user00002@example.test' }))),
    ).toBe('http500');
    const throttled = await knobs.admit(request({ protocol: 'graph' }));
    expect(throttled.outcome === 'throttled' ? throttled.backOffMs : undefined).toBe(5000);
    expect(kind(await knobs.admit(request({ protocol: 'graph' })))).toBe('ok');
    expect(knobs.counterSnapshot().faults.http500).toBe(2);
  });

  it('holds a concurrency slot until release, per protocol and budget key', async () => {
    const knobs = new Knobs({ throttling: { limits: { graph: { maxConcurrent: 4, backOffMs: 2000 } } } });
    const held: Admission[] = [];
    for (let i = 0; i < 4; i++)
      held.push(await knobs.admit(request({ protocol: 'graph', budgetKey: 'app|mailbox-a' })));
    expect(held.every((a) => a.outcome === 'proceed')).toBe(true);
    expect(kind(await knobs.admit(request({ protocol: 'graph', budgetKey: 'app|mailbox-a' })))).toBe(
      'throttled:concurrency',
    );
    expect(kind(await knobs.admit(request({ protocol: 'graph', budgetKey: 'app|mailbox-b' })))).toBe('ok');
    expect(kind(await knobs.admit(request({ protocol: 'ews', budgetKey: 'app|mailbox-a' })))).toBe('ok');
    const [first] = held;
    if (first?.outcome === 'proceed') {
      first.release();
      first.release();
    }
    expect(knobs.inFlightFor('graph:app|mailbox-a')).toBe(3);
    expect(kind(await knobs.admit(request({ protocol: 'graph', budgetKey: 'app|mailbox-a' })))).toBe('ok');
    expect(knobs.counterSnapshot().peakConcurrency['graph:app|mailbox-a']).toBe(4);
  });

  it('enforces a request budget per window with the clock it is given', async () => {
    let now = 0;
    const knobs = new Knobs(
      {
        throttling: {
          limits: {
            graph: { maxConcurrent: 10, backOffMs: 1000, requestsPerWindow: { limit: 3, windowMs: 1000 } },
          },
        },
      },
      () => now,
    );
    const graph = request({ protocol: 'graph' });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) outcomes.push(kind(await knobs.admit(graph)));
    now = 1000;
    outcomes.push(kind(await knobs.admit(graph)));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'throttled:rate', 'ok']);
  });

  it('delays admission by the configured latency', async () => {
    vi.useFakeTimers();
    const knobs = new Knobs({ latency: { minMs: 50, maxMs: 50 } });
    let admitted = false;
    const pending = knobs.admit(request()).then((a) => {
      admitted = true;
      return a;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(admitted).toBe(true);
    expect(kind(await pending)).toBe('ok');
  });

  it('counts requests by operation and mailbox, and validates settings', async () => {
    const knobs = new Knobs();
    await knobs.admit(request({ operation: 'FindItem' }));
    await knobs.admit(request({ operation: 'FindItem', mailbox: 'USER00009@example.test' }));
    const counters = knobs.counterSnapshot();
    expect(counters.byOperation['ews:FindItem']).toBe(2);
    expect(counters.byMailbox['user00009@example.test']).toBe(1);
    knobs.counters.reset();
    expect(knobs.counterSnapshot().total).toBe(0);
    expect(() => knobs.configure({ faults: { rate: 1.5 } })).toThrow(RangeError);
    expect(() => knobs.configure({ throttling: { limits: { ews: { maxConcurrent: 0 } } } })).toThrow(
      RangeError,
    );
    expect(knobs.settings.throttling.limits['ews']?.maxConcurrent).toBe(27);
  });
});
