import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../../engine/adapters/exchange/exchange-errors.ts';
import { EwsConnection } from '../../../../engine/adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../../../../engine/adapters/ews/ews-mailbox.ts';
import type { EwsSettings } from '../../../../engine/site-config/index.ts';
import { startSimulator, type Simulator } from '../../../sim/simulator.ts';

let sim: Simulator;
let mailbox: string;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 5, foldersPerMailbox: 12, itemsPerFolder: 3, seed: 7 },
  });
  mailbox = sim.model.mailboxAt(0)!.primarySmtp;
});
afterAll(() => sim.close());

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

/** The folders under the top of the information store, as the simulator's model has them. */
function modelFolderNames(address: string): string[] {
  const root = sim.model.wellKnownFolder(address, 'msgfolderroot')!;
  return sim.model
    .descendantFolders(root.id)
    .map((f) => f.displayName)
    .sort();
}

describe('EWS mailbox adapter against the simulator (ews-javascript-api)', () => {
  it.each(['ntlm', 'basic'] as const)('lists every folder of an impersonated mailbox (%s)', async (auth) => {
    const folders = await adapter({ auth }).listFolders(mailbox);
    expect(folders.map((f) => f.displayName).sort()).toEqual(modelFolderNames(mailbox));
    expect(folders.length).toBeGreaterThan(12);
    expect(folders.every((f) => f.id && f.parentId)).toBe(true);
  });

  it.each(['ntlm', 'basic'] as const)('works over HTTPS trusting only the pinned CA (%s)', async (auth) => {
    // @ewsjs/xhr's own NTLM provider replaces the HTTPS agent and so drops a pinned CA; ours keeps it.
    const folders = await adapter({
      auth,
      url: sim.ewsHttpsUrl,
      caFile: sim.certificate.certPath,
    }).listFolders(mailbox);
    expect(folders.map((f) => f.displayName).sort()).toEqual(modelFolderNames(mailbox));
    await expect(adapter({ auth, url: sim.ewsHttpsUrl }).listFolders(mailbox)).rejects.toMatchObject({
      code: expect.stringMatching(/unreachable|server-error/),
    });
  });

  it('pages past EWSFindCountLimit', async () => {
    sim.knobs.configure({
      throttling: { limits: { ews: { maxConcurrent: 27, backOffMs: 10, findCountLimit: 5 } } },
    });
    try {
      const folders = await adapter().listFolders(mailbox);
      expect(folders.map((f) => f.displayName).sort()).toEqual(modelFolderNames(mailbox));
    } finally {
      sim.knobs.configure({
        throttling: { limits: { ews: { maxConcurrent: 27, backOffMs: 10, findCountLimit: 1000 } } },
      });
    }
  });

  it('waits as ErrorServerBusy BackOffMilliseconds says and then succeeds', async () => {
    // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
    sim.knobs.configure({
      throttling: { enabled: true, limits: { ews: { maxConcurrent: 1, backOffMs: 50 } } },
      latency: { minMs: 30, maxMs: 30 },
    });
    try {
      const throttledBefore = sim.knobs.counters.snapshot().throttled.concurrency;
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) => adapter().listFolders(sim.model.mailboxAt(i)!.primarySmtp)),
      );
      results.forEach((folders, i) =>
        expect(folders.length).toBe(modelFolderNames(sim.model.mailboxAt(i)!.primarySmtp).length),
      );
      // The server did push back, and every call still completed.
      expect(sim.knobs.counters.snapshot().throttled.concurrency).toBeGreaterThan(throttledBefore);
    } finally {
      sim.knobs.configure({
        throttling: { limits: { ews: { maxConcurrent: 27, backOffMs: 10 } } },
        latency: { minMs: 0, maxMs: 0 },
      });
    }
  });

  it('names the problem: impersonation denied, unknown mailbox, bad credentials', async () => {
    sim.model.updateMailbox(sim.model.mailboxAt(1)!.primarySmtp, { impersonationAllowed: false });
    const denied = await adapter()
      .listFolders(sim.model.mailboxAt(1)!.primarySmtp)
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(ExchangeError);
    expect(denied).toMatchObject({ code: 'impersonation-denied' });
    await expect(adapter().listFolders('nobody@nowhere.example')).rejects.toMatchObject({
      code: 'mailbox-not-found',
    });
    await expect(adapter({ auth: 'basic' }, 'wrong password').listFolders(mailbox)).rejects.toMatchObject({
      code: 'bad-credentials',
    });
  });
});
