import type { GraphError } from '@microsoft/microsoft-graph-client';
import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { startGraphKit } from './support/graph-test-kit.ts';

const ALICE = 'user00001@example.test';
const BOB = 'user00002@example.test';

describe('Graph simulator: throttling', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit();
    // Token and connections first, so the timing below measures only Graph requests.
    await kit.client.api(`/users/${ALICE}/mailFolders/inbox`).get();
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/throttling (429 with Retry-After in seconds; wait, then retry)
  it('answers 429 with Retry-After and the ApplicationThrottled body', async () => {
    kit.sim.knobs.injectThrottle({ protocol: 'graph', mailbox: ALICE }, 1, 3000);
    const response = await kit.fetch(`${kit.graph.baseUrl}v1.0/users/${ALICE}/mailFolders/inbox`, {
      headers: await kit.authorization(),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ApplicationThrottled');
    const again = await kit.fetch(`${kit.graph.baseUrl}v1.0/users/${ALICE}/mailFolders/inbox`, {
      headers: await kit.authorization(),
    });
    expect(again.status).toBe(200);
  });

  // https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling (wait Retry-After seconds, then retry)
  it("is retried by the Graph client's RetryHandler after the Retry-After delay", async () => {
    const before = kit.sim.knobs.counterSnapshot();
    kit.sim.knobs.injectThrottle({ protocol: 'graph', operation: 'mailfolder-get' }, 1, 1000);
    const client = kit.newClient({ retry: new RetryHandlerOptions(0, 2) });
    const started = Date.now();
    const folder = (await client.api(`/users/${ALICE}/mailFolders/inbox`).get()) as { displayName: string };
    expect(folder.displayName).toBe('Inbox');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const after = kit.sim.knobs.counterSnapshot();
    expect(after.throttled.scripted - before.throttled.scripted).toBe(1);
    expect(
      (after.byOperation['graph:mailfolder-get'] ?? 0) - (before.byOperation['graph:mailfolder-get'] ?? 0),
    ).toBe(2);
  });

  // https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits
  // (4 concurrent requests per app and mailbox; one mailbox over its limit does not affect another)
  it('throttles the fifth concurrent request to one mailbox, not requests to another mailbox', async () => {
    kit.sim.knobs.configure({ latency: { minMs: 400, maxMs: 400 } });
    try {
      const alice = Array.from({ length: 5 }, () =>
        kit.client.api(`/users/${ALICE}/mailFolders/inbox`).get(),
      );
      const bob = kit.client.api(`/users/${BOB}/mailFolders/inbox`).get();
      const results = await Promise.allSettled([...alice, bob]);
      const aliceResults = results.slice(0, 5);
      expect(aliceResults.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
      const rejected = aliceResults.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      const error = rejected[0]?.reason as GraphError;
      expect(error.statusCode).toBe(429);
      expect(error.code).toBe('ApplicationThrottled');
      expect(error.message).toMatch(/MailboxConcurrency/);
      expect(results[5]?.status).toBe('fulfilled');
    } finally {
      kit.sim.knobs.configure({ latency: { minMs: 0, maxMs: 0 } });
    }
    const peaks = kit.sim.knobs.counterSnapshot().peakConcurrency;
    expect(
      Math.max(
        ...Object.entries(peaks)
          .filter(([k]) => k.startsWith('graph:'))
          .map(([, v]) => v),
      ),
    ).toBe(4);
  });

  // https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits (requests per 10 minutes per app and mailbox)
  it('throttles a mailbox over its request-rate budget, and only that mailbox', async () => {
    const fresh = await startGraphKit({
      knobs: { throttling: { limits: { graph: { requestsPerWindow: { limit: 3, windowMs: 60_000 } } } } },
    });
    try {
      for (let i = 0; i < 3; i++) await fresh.client.api(`/users/${ALICE}/mailFolders/inbox`).get();
      const over = (await fresh.client
        .api(`/users/${ALICE}/mailFolders/inbox`)
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(over.statusCode).toBe(429);
      await expect(fresh.client.api(`/users/${BOB}/mailFolders/inbox`).get()).resolves.toMatchObject({
        displayName: 'Inbox',
      });
      expect(fresh.sim.knobs.counterSnapshot().throttled.rate).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
