import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../../engine/adapters/exchange/exchange-errors.ts';
import { connectGraph, type GraphRetry } from '../../../../engine/adapters/graph/connect-graph.ts';
import { GraphMailbox } from '../../../../engine/adapters/graph-mail/graph-mailbox.ts';
import type { MicrosoftGraphSettings } from '../../../../engine/site-config/index.ts';
import { mountGraph, type MountedGraph } from '../../../sim/graph/start-graph.ts';
import { startSimulator, type Simulator } from '../../../sim/simulator.ts';
import { makeUnrelatedCa } from '../support/untrusted-ca.ts';

let sim: Simulator;
let graph: MountedGraph;
let mailbox: string;
let otherCa: ReturnType<typeof makeUnrelatedCa>;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 2, foldersPerMailbox: 8, itemsPerFolder: 2, seed: 3 },
  });
  graph = mountGraph(sim);
  mailbox = sim.model.mailboxAt(0)!.primarySmtp;
  otherCa = makeUnrelatedCa();
});
afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  graph.endpoint.close();
  await sim.close();
  otherCa.remove();
});

const settings = (overrides: Partial<MicrosoftGraphSettings> = {}): MicrosoftGraphSettings => ({
  tenantId: graph.tenantId,
  clientId: graph.clientId,
  clientSecretEnv: 'UNUSED',
  authorityHost: graph.authorityHost,
  baseUrl: graph.baseUrl,
  caFile: graph.caPath,
  ...overrides,
});

/** Runs `use` with an adapter and closes it afterwards. */
async function withAdapter<T>(
  use: (port: GraphMailbox) => Promise<T>,
  overrides: Partial<MicrosoftGraphSettings> = {},
  retry: GraphRetry = { maxRetries: 5, delaySeconds: 3 },
): Promise<T> {
  const port = GraphMailbox.over(connectGraph(settings(overrides), graph.clientSecret, retry));
  try {
    return await use(port);
  } finally {
    await port.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExchangeError);
  return error as ExchangeError;
}

describe('Graph mailbox adapter against the simulator (microsoft-graph-client)', () => {
  it('returns the deltaLink of mailFolders/delta as the sync state, and it answers "no changes"', async () => {
    const { syncState } = await withAdapter((port) => port.listFolders(mailbox));
    expect(syncState).toMatch(/\/users\/.+\/mailFolders\/delta\?\$deltatoken=/i);
    const client = connectGraph(settings(), graph.clientSecret, { maxRetries: 0, delaySeconds: 0 });
    try {
      const next = (await client.client.api(syncState!).get()) as { value: unknown[] };
      expect(next.value).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it.each([
    ['no CA configured', undefined],
    ['the wrong CA configured', 'other'],
  ] as const)('an untrusted certificate is tls-untrusted (%s)', async (_label, ca) => {
    const error = await failure(
      withAdapter((port) => port.listFolders(mailbox), { caFile: ca ? otherCa.certPath : undefined }),
    );
    expect(error.code).toBe('tls-untrusted');
    expect(error.message).toContain(`The TLS certificate of ${graph.authorityHost} is not trusted`);
    expect(error.message).toMatch(/SELF_SIGNED_CERT|self-signed certificate/);
    expect(error.message).toContain('microsoftGraph.caFile');
  });

  it('a Graph host that refuses connections is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      withAdapter((p) => p.listFolders(mailbox), { baseUrl: `https://127.0.0.1:${port}/` }),
    );
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('gives up as throttled when Graph keeps answering 429 after every retry', async () => {
    sim.knobs.injectThrottle({ protocol: 'graph', operation: 'mailfolder-delta' }, 3, 0);
    const error = await failure(
      withAdapter((port) => port.listFolders(mailbox), {}, { maxRetries: 2, delaySeconds: 0 }),
    );
    expect(error.code).toBe('throttled');
    expect(error.message).toContain('429');
  });

  it('names well-known folders even when Graph throttles items of the $batch', async () => {
    // https://learn.microsoft.com/graph/json-batching: each request in a batch can be throttled on its own.
    const scripted = sim.knobs.counterSnapshot().throttled.scripted;
    sim.knobs.injectThrottle({ protocol: 'graph', operation: 'mailfolder-get' }, 2, 0);
    const { folders } = await withAdapter((port) => port.listFolders(mailbox));
    expect(sim.knobs.counterSnapshot().throttled.scripted).toBe(scripted + 2);
    expect(
      folders
        .filter((f) => f.wellKnownName)
        .map((f) => f.wellKnownName)
        .sort(),
    ).toEqual(['deleteditems', 'drafts', 'inbox', 'junkemail', 'outbox', 'sentitems']);
  });

  it('retries reads that met a transient failure (500, reset), the $batch of GETs included, and gets the same answer', async () => {
    const expected = await withAdapter((port) => port.listFolders(mailbox));
    const faultsBefore = Object.values(sim.knobs.counterSnapshot().faults).reduce((a, b) => a + b, 0);
    sim.knobs.configure({
      faults: { rate: 0.4, kinds: ['http500', 'reset'], protocols: ['graph'], seed: 'retry' },
    });
    try {
      for (let i = 0; i < 5; i++) {
        const again = await withAdapter(
          (port) => port.listFolders(mailbox),
          {},
          { maxRetries: 8, delaySeconds: 0 },
        );
        expect(again.folders).toEqual(expected.folders);
      }
    } finally {
      sim.knobs.configure({ faults: { rate: 0 } });
    }
    const faults = sim.knobs.counterSnapshot().faults;
    expect(faults.http500 + faults.reset).toBeGreaterThan(faultsBefore);
  });
});
