import { Folder, ServiceError, WellKnownFolderName } from 'ews-javascript-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '../knobs/knob-settings.ts';
import type { Simulator } from '../simulator.ts';
import { startSimulator } from '../simulator.ts';
import { ewsClient, rejection } from './ews-test-client.ts';

let sim: Simulator;
let mailbox: string;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 1, foldersPerMailbox: 1, itemsPerFolder: 2, seed: 'faults' },
  });
  mailbox = sim.model.mailboxAt(0)?.primarySmtp ?? '';
});

afterEach(() => {
  sim.knobs.clearScripted();
  sim.knobs.configure({
    faults: {
      rate: 0,
      operations: undefined,
      kinds: ['reset', 'http500', 'http503', 'timeout', 'malformed'],
    },
  });
});

afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await sim.close();
});

const bind = (options: Parameters<typeof ewsClient>[1] = {}) =>
  Folder.Bind(ewsClient(sim, { mailbox, ...options }), WellKnownFolderName.Inbox);

/** Classifies what the client saw, so fault sequences can be compared. */
async function outcome(): Promise<string> {
  try {
    await bind();
    return 'ok';
  } catch (error) {
    const e = error as Record<string, unknown>;
    return `http${String(e['HttpStatusCode'])}`;
  }
}

describe('Injected faults as ews-javascript-api sees them', () => {
  it('connection reset: rejected with "socket hang up" and no HTTP status', async () => {
    sim.knobs.injectFault('reset');
    const error = await rejection(bind());
    expect(error['HttpStatusCode']).toBeUndefined();
    expect(String(error['message'])).toMatch(/socket hang up|ECONNRESET/);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorInternalServerError)
  it('HTTP 500: a SOAP fault with ErrorInternalServerError', async () => {
    sim.knobs.injectFault('http500');
    const error = await rejection(bind());
    expect(error['HttpStatusCode']).toBe(500);
    expect(error['ResponseCode']).toBe(ServiceError.ErrorInternalServerError);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange:
  // "HTTP 503 Indicates that EWS requests are queuing with IIS."
  it('HTTP 503: rejected with HttpStatusCode 503', async () => {
    sim.knobs.injectFault('http503');
    const error = await rejection(bind());
    expect(error['HttpStatusCode']).toBe(503);
  });

  it('timeout: the server never answers and the client gives up', async () => {
    sim.knobs.injectFault('timeout');
    const error = await rejection(bind({ timeoutMs: 300 }));
    expect(String(error['message'])).toMatch(/timeout/);
  });

  it('malformed body: the client fails to parse the response', async () => {
    sim.knobs.injectFault('malformed');
    const error = await rejection(bind());
    expect(String(error['message'])).toMatch(/request failed/i);
  });

  it('injects random faults at a rate, identically for the same seed', async () => {
    const run = async (seed: string): Promise<string[]> => {
      sim.knobs.configure({ faults: { rate: 0.4, seed, kinds: ['http500', 'http503'] as FaultKind[] } });
      const results: string[] = [];
      for (let i = 0; i < 25; i++) results.push(await outcome());
      return results;
    };
    const first = await run('run-a');
    const second = await run('run-a');
    const other = await run('run-b');
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    const failures = first.filter((r) => r !== 'ok').length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(22);
    expect(new Set(first)).toEqual(new Set(['ok', 'http500', 'http503']));
  });

  it('limits random faults to the operations named', async () => {
    sim.knobs.configure({ faults: { rate: 1, kinds: ['http500'], operations: ['FindItem'] } });
    expect(await outcome()).toBe('ok');
  });
});
