import type { ExchangeService, FolderChange } from 'ews-javascript-api';
import { ChangeType, FolderId, PropertySet, WellKnownFolderName } from 'ews-javascript-api';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { useEwsSimulator } from './ews-test-fixture.ts';

let sim: Simulator;
let mailbox: string;
let service: ExchangeService;

useEwsSimulator(
  { population: { mailboxes: 1, foldersPerMailbox: 12, itemsPerFolder: 1, seed: 'hierarchy-paging' } },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

/** Every response of one SyncFolderHierarchy round, following IncludesLastFolderInRange. */
async function round(state: string | null): Promise<{ responses: FolderChange[][]; state: string }> {
  const responses: FolderChange[][] = [];
  let current = state;
  for (;;) {
    const result = await service.SyncFolderHierarchy(
      new FolderId(WellKnownFolderName.MsgFolderRoot),
      PropertySet.IdOnly,
      // The typings say string; null starts an initial sync.
      current as string,
    );
    responses.push(result.GetEnumerator());
    current = result.SyncState;
    if (!result.MoreChangesAvailable) return { responses, state: current };
    expect(responses.length).toBeLessThan(100);
  }
}

describe('SyncFolderHierarchy answers that stop short', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/includeslastfolderinrange
  // ("Indicates whether the last folder to synchronize is included in the response"): a client asks
  // again with the SyncState of the response until it is true.
  it('hands out a round in responses of hierarchySyncLimit changes, each state going on from the last', async () => {
    const root = sim.model.wellKnownFolder(mailbox, 'msgfolderroot')!.id;
    const all = sim.model.descendantFolders(root).map((f) => f.id);
    sim.knobs.configure({ throttling: { limits: { ews: { hierarchySyncLimit: 5 } } } });
    try {
      const full = await round(null);
      expect(full.responses.map((r) => r.length)).toEqual([
        ...Array<number>(Math.floor(all.length / 5)).fill(5),
        ...(all.length % 5 ? [all.length % 5] : []),
      ]);
      const ids = full.responses.flat().map((c) => c.FolderId.UniqueId);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...all].sort());

      const created = sim.model.createFolder(root, { displayName: 'After the round' });
      const next = await round(full.state);
      expect(next.responses.flat().map((c) => [c.FolderId.UniqueId, c.ChangeType])).toEqual([
        [created.id, ChangeType.Create],
      ]);
      expect((await round(next.state)).responses.flat()).toEqual([]);
    } finally {
      sim.knobs.configure({ throttling: { limits: { ews: { hierarchySyncLimit: undefined } } } });
    }
  });
});
