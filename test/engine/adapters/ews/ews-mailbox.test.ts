import { createServer } from 'node:net';
import { BasePropertySet, FolderId, PropertySet, WellKnownFolderName } from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../../engine/adapters/exchange/exchange-errors.ts';
import { EwsConnection } from '../../../../engine/adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../../../../engine/adapters/ews/ews-mailbox.ts';
import type { EwsSettings } from '../../../../engine/site-config/index.ts';
import { ewsClient } from '../../../sim/ews/ews-test-client.ts';
import { startSimulator, type Simulator } from '../../../sim/simulator.ts';
import { makeUnrelatedCa } from '../support/untrusted-ca.ts';

let sim: Simulator;
let mailbox: string;
let otherCa: ReturnType<typeof makeUnrelatedCa>;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 5, foldersPerMailbox: 12, itemsPerFolder: 3, seed: 7 },
  });
  mailbox = sim.model.mailboxAt(0)!.primarySmtp;
  otherCa = makeUnrelatedCa();
});
afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await sim.close();
  otherCa.remove();
});

const settings = (overrides: Partial<EwsSettings> = {}): EwsSettings => ({
  type: 'ews',
  url: sim.ewsUrl,
  auth: 'ntlm',
  username: sim.serviceAccount.username,
  passwordEnv: 'UNUSED',
  impersonation: true,
  version: 'Exchange2016',
  ...overrides,
});
const adapter = (overrides: Partial<EwsSettings> = {}, password = sim.serviceAccount.password) =>
  new EwsMailbox(new EwsConnection(settings(overrides), password));

/** The mail folders under the top of the information store, as the simulator's model has them. */
function modelFolderNames(address: string): string[] {
  const root = sim.model.wellKnownFolder(address, 'msgfolderroot')!;
  return sim.model
    .descendantFolders(root.id)
    .filter((f) => f.folderClass.startsWith('IPF.Note'))
    .map((f) => f.displayName)
    .sort();
}

async function listedNames(port: EwsMailbox, address = mailbox): Promise<string[]> {
  const { folders } = await port.listFolders(address);
  return folders.map((f) => f.displayName).sort();
}

async function failure(promise: Promise<unknown>): Promise<ExchangeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExchangeError);
  return error as ExchangeError;
}

describe('EWS mailbox adapter against the simulator (ews-javascript-api)', () => {
  it.each(['ntlm', 'basic'] as const)(
    'lists every mail folder of an impersonated mailbox (%s)',
    async (auth) => {
      const { folders } = await adapter({ auth }).listFolders(mailbox);
      expect(folders.map((f) => f.displayName).sort()).toEqual(modelFolderNames(mailbox));
      expect(folders.length).toBeGreaterThan(12);
      expect(folders.every((f) => f.id && f.parentId)).toBe(true);
    },
  );

  it('returns a SyncFolderHierarchy state that a later sync continues from', async () => {
    // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-synchronize-folders-by-using-ews-in-exchange
    const address = sim.model.mailboxAt(3)!.primarySmtp;
    const { syncState } = await adapter().listFolders(address);
    const service = ewsClient(sim, { mailbox: address });
    const sync = (state: string) =>
      service.SyncFolderHierarchy(
        new FolderId(WellKnownFolderName.MsgFolderRoot),
        new PropertySet(BasePropertySet.FirstClassProperties),
        state,
      );
    expect((await sync(syncState!)).Count).toBe(0);
    sim.model.createFolder(sim.model.wellKnownFolder(address, 'inbox')!.id, {
      displayName: 'Since the listing',
    });
    const changes = (await sync(syncState!)).GetEnumerator();
    expect(changes.map((c) => c.Folder?.DisplayName)).toEqual(['Since the listing']);
  });

  it.each(['ntlm', 'basic'] as const)('works over HTTPS trusting only the pinned CA (%s)', async (auth) => {
    // @ewsjs/xhr's own NTLM provider replaces the HTTPS agent and so drops a pinned CA; ours keeps it.
    expect(
      await listedNames(adapter({ auth, url: sim.ewsHttpsUrl, caFile: sim.certificate.certPath })),
    ).toEqual(modelFolderNames(mailbox));
  });

  it.each([
    ['no CA configured', undefined],
    ['the wrong CA configured', 'other'],
  ] as const)('an untrusted server certificate is tls-untrusted (%s)', async (_label, ca) => {
    for (const auth of ['ntlm', 'basic'] as const) {
      const error = await failure(
        adapter({
          auth,
          url: sim.ewsHttpsUrl,
          ...(ca ? { caFile: otherCa.certPath } : {}),
        }).listFolders(mailbox),
      );
      expect(error.code).toBe('tls-untrusted');
      expect(error.message).toMatch(
        /certificate of the EWS server is not trusted \(.*self-signed certificate/,
      );
      expect(error.message).toContain('exchange.caFile');
    }
  });

  it('a server that refuses connections is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      adapter({ url: `http://127.0.0.1:${port}/EWS/Exchange.asmx` }).listFolders(mailbox),
    );
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it.each(['ntlm', 'basic'] as const)(
    'a server that never answers is unreachable after the timeout (%s)',
    async (auth) => {
      // @ewsjs/xhr ignores ExchangeService.Timeout; without a transport timeout this call would hang.
      sim.knobs.injectFault('timeout', { protocol: 'ews' }, 2);
      const started = performance.now();
      try {
        const error = await failure(
          new EwsMailbox(
            new EwsConnection(settings({ auth }), sim.serviceAccount.password, { timeoutMs: 400 }),
          ).listFolders(mailbox),
        );
        expect(error.code).toBe('unreachable');
        expect(error.message).toMatch(/did not answer in time.*timeout of 400ms exceeded/);
        expect(performance.now() - started).toBeLessThan(3000);
      } finally {
        sim.knobs.clearScripted();
      }
    },
  );

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorInternalServerError)
  it('asks again after an internal server error, but not after a refusal that comes as HTTP 500 too', async () => {
    const faults = sim.knobs.counterSnapshot().faults.http500;
    sim.knobs.injectFault('http500', { protocol: 'ews', operation: 'SyncFolderHierarchy' }, 1);
    const { folders } = await adapter().listFolders(mailbox);
    expect(folders.length).toBeGreaterThan(6);
    expect(sim.knobs.counterSnapshot().faults.http500).toBe(faults + 1);
    // A mailbox the service account may not impersonate is refused at once (a SOAP fault, HTTP 500).
    const started = performance.now();
    const error = await failure(adapter().listFolders('nobody@nowhere.example'));
    expect(error.code).toBe('mailbox-not-found');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('is not cut short by EWSFindCountLimit', async () => {
    sim.knobs.configure({
      throttling: { limits: { ews: { maxConcurrent: 27, backOffMs: 10, findCountLimit: 5 } } },
    });
    try {
      expect(await listedNames(adapter())).toEqual(modelFolderNames(mailbox));
    } finally {
      sim.knobs.configure({
        throttling: { limits: { ews: { maxConcurrent: 27, backOffMs: 10, findCountLimit: 1000 } } },
      });
    }
  });

  it('waits as ErrorServerBusy BackOffMilliseconds says and then succeeds', async () => {
    // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
    const backOffMs = 900;
    const before = sim.knobs.counterSnapshot();
    sim.knobs.injectThrottle({ protocol: 'ews', operation: 'SyncFolderHierarchy' }, 1, backOffMs);
    const started = performance.now();
    expect(await listedNames(adapter())).toEqual(modelFolderNames(mailbox));
    const elapsed = performance.now() - started;
    const after = sim.knobs.counterSnapshot();
    expect(after.throttled.scripted).toBe(before.throttled.scripted + 1);
    // Throttled once, then the same request again after the back-off.
    expect(after.byOperation['ews:SyncFolderHierarchy']).toBe(
      (before.byOperation['ews:SyncFolderHierarchy'] ?? 0) + 2,
    );
    expect(elapsed).toBeGreaterThanOrEqual(backOffMs - 5);
    expect(elapsed).toBeLessThan(backOffMs + 1000);
  });

  it('under a tight concurrency budget every call still completes, after waiting as told', async () => {
    sim.knobs.configure({
      throttling: { enabled: true, limits: { ews: { maxConcurrent: 1, backOffMs: 300 } } },
      latency: { minMs: 30, maxMs: 30 },
    });
    try {
      const throttledBefore = sim.knobs.counterSnapshot().throttled.concurrency;
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) => listedNames(adapter(), sim.model.mailboxAt(i)!.primarySmtp)),
      );
      const elapsed = performance.now() - started;
      results.forEach((names, i) =>
        expect(names).toEqual(modelFolderNames(sim.model.mailboxAt(i)!.primarySmtp)),
      );
      const throttled = sim.knobs.counterSnapshot().throttled.concurrency - throttledBefore;
      expect(throttled).toBeGreaterThan(0);
      // A throttled call came back only after the 300 ms it was told to wait.
      expect(elapsed).toBeGreaterThanOrEqual(300);
    } finally {
      sim.knobs.configure({
        throttling: { limits: { ews: { maxConcurrent: 27, backOffMs: 10 } } },
        latency: { minMs: 0, maxMs: 0 },
      });
    }
  });

  it('gives up as throttled when the server stays busy through every attempt', async () => {
    sim.knobs.injectThrottle({ protocol: 'ews', operation: 'SyncFolderHierarchy' }, 6, 20);
    const error = await failure(adapter().listFolders(mailbox));
    expect(error.code).toBe('throttled');
    expect(error.message).toContain('ErrorServerBusy');
  });

  it('names the problem: impersonation denied', async () => {
    sim.model.updateMailbox(sim.model.mailboxAt(1)!.primarySmtp, { impersonationAllowed: false });
    const error = await failure(adapter().listFolders(sim.model.mailboxAt(1)!.primarySmtp));
    expect(error.code).toBe('impersonation-denied');
    expect(error.message).toContain('ApplicationImpersonation');
  });
});
