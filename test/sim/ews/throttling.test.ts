import { Folder, ServiceError, WellKnownFolderName } from 'ews-javascript-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { startSimulator } from '../simulator.ts';
import { ewsClient, rejection } from './ews-test-client.ts';

let sim: Simulator;
let mailboxes: string[];

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 4, foldersPerMailbox: 1, itemsPerFolder: 2, seed: 'throttling' },
  });
  mailboxes = [...sim.model.mailboxes()].slice(0, 4).map((m) => m.primarySmtp);
});

afterEach(() => {
  sim.knobs.clearScripted();
  sim.knobs.configure({
    latency: { minMs: 0, maxMs: 0 },
    throttling: {
      enabled: true,
      limits: { ews: { maxConcurrent: 27, backOffMs: 1000, concurrencyErrorCode: 'ErrorServerBusy' } },
    },
  });
  sim.knobs.counters.reset();
});

afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await sim.close();
});

type Outcome = { ok: true } | { ok: false; error: Record<string, unknown> };

const bindInbox = (mailbox: string): Promise<Outcome> =>
  Folder.Bind(ewsClient(sim, { mailbox }), WellKnownFolderName.Inbox).then(
    () => ({ ok: true }) as const,
    (error: Record<string, unknown>) => ({ ok: false, error }) as const,
  );

function backOff(error: Record<string, unknown>): unknown {
  const details = error['ErrorDetails'] as { get: (key: string) => unknown };
  return details.get('BackOffMilliseconds');
}

describe('EWS throttling', () => {
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange:
  // "HTTP 500 … with the ErrorServerBusy error code … The response may contain a back off hint called BackOffMilliseconds."
  it('answers ErrorServerBusy with BackOffMilliseconds as a SOAP fault (SoapFaultDetails, not an Error)', async () => {
    sim.knobs.injectThrottle({ protocol: 'ews' }, 1, 2500);
    const error = await rejection(
      Folder.Bind(ewsClient(sim, { mailbox: mailboxes[0] }), WellKnownFolderName.Inbox),
    );
    expect(error instanceof Error).toBe(false);
    expect(error['HttpStatusCode']).toBe(500);
    expect(error['ResponseCode']).toBe(ServiceError.ErrorServerBusy);
    expect(backOff(error)).toBe('2500');
    expect((await bindInbox(mailboxes[0] ?? '')).ok).toBe(true);
  });

  // Same page: EWSMaxConcurrency (27 on Exchange 2013 and later, here lowered to 3); with impersonation the
  // service account has its own budget, shared by every mailbox it impersonates.
  it('throttles concurrent requests of one account above the concurrency budget, across mailboxes', async () => {
    // Each served request holds its slot for a second, far longer than the eight requests take to arrive.
    sim.knobs.configure({
      latency: { minMs: 1000, maxMs: 1000 },
      throttling: { limits: { ews: { maxConcurrent: 3, backOffMs: 750 } } },
    });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => bindInbox(mailboxes[i % mailboxes.length] ?? '')),
    );
    const served = outcomes.filter((o) => o.ok).length;
    const busy = outcomes.filter((o) => !o.ok);
    expect(served).toBe(3);
    expect(busy).toHaveLength(5);
    for (const outcome of busy) {
      if (outcome.ok) continue;
      expect(outcome.error['ResponseCode']).toBe(ServiceError.ErrorServerBusy);
      expect(backOff(outcome.error)).toBe('750');
    }
    const counters = sim.knobs.counterSnapshot();
    expect(Object.values(counters.peakConcurrency)).toEqual([3]);
    expect(counters.throttled.concurrency).toBe(5);
  });

  it('serves everything with throttling switched off', async () => {
    sim.knobs.configure({
      latency: { minMs: 800, maxMs: 800 },
      throttling: { enabled: false, limits: { ews: { maxConcurrent: 1 } } },
    });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => bindInbox(mailboxes[i % mailboxes.length] ?? '')),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // More than the limit of one ran at once: nothing was throttled.
    expect(Object.values(sim.knobs.counterSnapshot().peakConcurrency)[0]).toBeGreaterThan(1);
    expect(sim.knobs.counterSnapshot().throttled.concurrency).toBe(0);
  });

  // Microsoft's table maps EWSMaxConcurrency to ErrorExceededConnectionCount; the code is a knob.
  it('can answer an exceeded concurrency budget with ErrorExceededConnectionCount', async () => {
    sim.knobs.configure({
      latency: { minMs: 800, maxMs: 800 },
      throttling: {
        limits: { ews: { maxConcurrent: 1, concurrencyErrorCode: 'ErrorExceededConnectionCount' } },
      },
    });
    const outcomes = await Promise.all([bindInbox(mailboxes[0] ?? ''), bindInbox(mailboxes[1] ?? '')]);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused && !refused.ok ? refused.error['ResponseCode'] : undefined).toBe(
      ServiceError.ErrorExceededConnectionCount,
    );
  });

  it('counts requests per operation and per mailbox', async () => {
    await bindInbox(mailboxes[2] ?? '');
    await bindInbox(mailboxes[2] ?? '');
    await bindInbox(mailboxes[3] ?? '');
    const counters = sim.knobs.counterSnapshot();
    expect(counters.byOperation['ews:GetFolder']).toBe(3);
    expect(counters.byMailbox[mailboxes[2] ?? '']).toBe(2);
    expect(counters.byMailboxOperation[mailboxes[3] ?? '']?.['ews:GetFolder']).toBe(1);
  });
});
