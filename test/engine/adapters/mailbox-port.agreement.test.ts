import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EwsConnection } from '../../../engine/adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../../../engine/adapters/ews/ews-mailbox.ts';
import { connectGraph } from '../../../engine/adapters/graph/connect-graph.ts';
import { GraphMailbox } from '../../../engine/adapters/graph-mail/graph-mailbox.ts';
import type {
  FolderChange,
  FolderListing,
  ItemChange,
  MailboxItem,
  MailboxPort,
} from '../../../engine/ports/mailbox.ts';
import { mountGraph, type MountedGraph } from '../../sim/graph/start-graph.ts';
import { startSimulator, type Simulator } from '../../sim/simulator.ts';
import { ewsMailboxUser } from '../../sim/user/ews-mailbox-user.ts';

let sim: Simulator;
let graph: MountedGraph;
let ews: MailboxPort;
let graphPort: MailboxPort;

beforeAll(async () => {
  sim = await startSimulator({
    population: { mailboxes: 3, foldersPerMailbox: 20, itemsPerFolder: 2, seed: 5 },
  });
  graph = mountGraph(sim);
  ews = new EwsMailbox(
    new EwsConnection(
      {
        type: 'ews',
        url: sim.ewsUrl,
        auth: 'ntlm',
        username: sim.serviceAccount.username,
        passwordEnv: 'UNUSED',
        impersonation: true,
        version: 'Exchange2016',
      },
      sim.serviceAccount.password,
    ),
  );
  graphPort = GraphMailbox.over(
    connectGraph(
      {
        tenantId: graph.tenantId,
        clientId: graph.clientId,
        clientSecretEnv: 'UNUSED',
        authorityHost: graph.authorityHost,
        baseUrl: graph.baseUrl,
        caFile: graph.caPath,
      },
      graph.clientSecret,
      { maxRetries: 5, delaySeconds: 3 },
    ),
  );
});
afterAll(async () => {
  expect(sim.internalErrors).toEqual([]);
  await Promise.all([ews.close(), graphPort.close()]);
  graph.endpoint.close();
  await sim.close();
});

/** A listing without protocol-specific ids: each folder as its path of display names. */
function byPath(listing: FolderListing) {
  const byId = new Map(listing.folders.map((f) => [f.id, f]));
  const path = (id: string | undefined): string[] => {
    const folder = id ? byId.get(id) : undefined;
    return folder ? [...path(folder.parentId), folder.displayName] : [];
  };
  return listing.folders
    .map((f) => ({ path: path(f.id).join(' / '), wellKnownName: f.wellKnownName, totalCount: f.totalCount }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

describe('the EWS and the Graph adapter see the same mailbox the same way', () => {
  it('same folders, same tree, same well-known names, same counts', async () => {
    for (const ordinal of [0, 2]) {
      const address = sim.model.mailboxAt(ordinal)!.primarySmtp;
      const [viaEws, viaGraph] = await Promise.all([
        ews.listFolders(address),
        graphPort.listFolders(address),
      ]);
      expect(byPath(viaEws)).toEqual(byPath(viaGraph));
      // Nested user folders are part of it, not only the top level.
      expect(byPath(viaEws).some((f) => f.path.split(' / ').length > 2)).toBe(true);
    }
  });

  it('a folder created through one protocol is listed by both', async () => {
    const address = sim.model.mailboxAt(1)!.primarySmtp;
    const inbox = sim.model.wellKnownFolder(address, 'inbox')!;
    sim.model.createFolder(inbox.id, { displayName: 'Agreed Upon' });
    sim.model.createFolder(inbox.id, { displayName: 'Birthdays', folderClass: 'IPF.Appointment' });
    const [viaEws, viaGraph] = await Promise.all([ews.listFolders(address), graphPort.listFolders(address)]);
    expect(byPath(viaEws)).toEqual(byPath(viaGraph));
    const paths = byPath(viaEws).map((f) => f.path);
    expect(paths).toContain('Inbox / Agreed Upon');
    expect(paths).not.toContain('Inbox / Birthdays');
  });
});

describe('the EWS and the Graph adapter sync the same hierarchy changes', () => {
  it('a change made through one protocol is the same change on both, but for created versus updated', async () => {
    const address = sim.model.mailboxAt(2)!.primarySmtp;
    const [ewsState, graphState] = await Promise.all([
      ews.syncFolders(address, undefined),
      graphPort.syncFolders(address, undefined),
    ]);
    const user = ewsMailboxUser(sim, address);
    const inbox = sim.model.wellKnownFolder(address, 'inbox')!.id;
    const created = await user.createFolder(inbox, 'Seen by both');
    const renamed = await user.createFolder(inbox, 'Renamed by EWS');
    const [ewsMid, graphMid] = await Promise.all([
      ews.syncFolders(address, ewsState.syncState),
      graphPort.syncFolders(address, graphState.syncState),
    ]);
    await user.renameFolder(renamed, 'Renamed by EWS, seen by Graph');
    await user.moveFolder(created, renamed);
    const [viaEws, viaGraph] = await Promise.all([
      ews.syncFolders(address, ewsMid.syncState),
      graphPort.syncFolders(address, graphMid.syncState),
    ]);
    // The simulator gives a folder one id on both protocols, as Exchange's folder ids are constant.
    const neutral = (changes: readonly FolderChange[]) =>
      changes.map((c) => (c.kind === 'deleted' ? c : { kind: 'upserted', folder: c.folder }));
    expect(neutral(ewsMid.changes)).toEqual(neutral(graphMid.changes));
    expect(ewsMid.changes).toHaveLength(2);
    expect(viaEws.changes).toEqual(viaGraph.changes);
    expect(viaEws.changes.map((c) => c.kind)).toEqual(['updated', 'updated']);
  });
});

/** Every item of a folder by a full sync, without the protocol's ids, in one order. */
async function fullSync(port: MailboxPort, address: string, folderId: string) {
  const changes: ItemChange[] = [];
  let state: string | undefined;
  for (;;) {
    const page = await port.syncItems(address, folderId, state, { maxChanges: 7 });
    changes.push(...page.changes);
    state = page.syncState;
    if (!page.more) break;
  }
  return changes
    .map((c) => (c as { item: MailboxItem }).item)
    .map(({ id: _id, ...rest }) => rest)
    .sort((a, b) => `${a.receivedAt}${a.subject}`.localeCompare(`${b.receivedAt}${b.subject}`));
}

describe('the EWS and the Graph adapter sync the same items the same way', () => {
  it('same items, same metadata, in every mail folder of a mailbox', async () => {
    const address = sim.model.mailboxAt(0)!.primarySmtp;
    const { folders } = await ews.listFolders(address);
    let items = 0;
    for (const folder of folders) {
      const [viaEws, viaGraph] = await Promise.all([
        fullSync(ews, address, folder.id),
        fullSync(graphPort, address, folder.id),
      ]);
      expect(viaEws).toEqual(viaGraph);
      items += viaEws.length;
    }
    expect(items).toBeGreaterThan(30);
  });
});
