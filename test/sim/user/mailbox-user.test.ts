import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountGraph, type MountedGraph } from '../graph/start-graph.ts';
import { startSimulator, type Simulator } from '../simulator.ts';
import { ewsMailboxUser } from './ews-mailbox-user.ts';
import { graphMailboxUser } from './graph-mailbox-user.ts';
import type { MailboxUser } from './mailbox-user.ts';

/**
 * The user actions replication tests play, through each protocol as Microsoft documents it. The model
 * is the ground truth each action is checked against; the hierarchy and item sync that report these
 * changes are covered by the protocol tests and the mailbox port contract.
 *
 * EWS:
 * - CreateFolder https://learn.microsoft.com/exchange/client-developer/web-service-reference/createfolder-operation
 * - UpdateFolder https://learn.microsoft.com/exchange/client-developer/web-service-reference/updatefolder-operation
 * - MoveFolder https://learn.microsoft.com/exchange/client-developer/web-service-reference/movefolder-operation
 * - DeleteFolder https://learn.microsoft.com/exchange/client-developer/web-service-reference/deletefolder-operation
 * - CreateItem https://learn.microsoft.com/exchange/client-developer/web-service-reference/createitem-operation-email-message
 *   (ItemClass https://learn.microsoft.com/exchange/client-developer/web-service-reference/itemclass)
 * - UpdateItem https://learn.microsoft.com/exchange/client-developer/web-service-reference/updateitem-operation
 *   (Sensitivity https://learn.microsoft.com/exchange/client-developer/web-service-reference/sensitivity,
 *   Flag https://learn.microsoft.com/exchange/client-developer/web-service-reference/flag)
 * - MoveItem https://learn.microsoft.com/exchange/client-developer/web-service-reference/moveitem-operation
 * - DeleteItem https://learn.microsoft.com/exchange/client-developer/web-service-reference/deleteitem-operation
 * Graph:
 * - https://learn.microsoft.com/graph/api/mailfolder-post-childfolders, …/mailfolder-update,
 *   …/mailfolder-move, …/mailfolder-delete (to Deleted Items), …/mailfolder-permanentdelete
 * - https://learn.microsoft.com/graph/api/mailfolder-post-messages with
 *   https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties
 *   (PR_SENSITIVITY `Integer 0x36`, PR_MESSAGE_CLASS `String 0x001A`)
 * - https://learn.microsoft.com/graph/api/message-update (flag; extended properties on an existing message)
 * - https://learn.microsoft.com/graph/api/message-move, …/message-delete, …/message-permanentdelete
 */
describe.each(['ews', 'graph'] as const)('a mailbox user on %s', (protocol) => {
  let sim: Simulator;
  let graph: MountedGraph | undefined;
  let user: MailboxUser;
  let mailbox: string;

  beforeAll(async () => {
    sim = await startSimulator({
      population: { mailboxes: 2, foldersPerMailbox: 4, itemsPerFolder: 2, seed: 5 },
    });
    mailbox = sim.model.mailboxAt(1)!.primarySmtp;
    if (protocol === 'graph') graph = mountGraph(sim);
    user = graph ? graphMailboxUser(graph, mailbox) : ewsMailboxUser(sim, mailbox);
  });
  afterAll(async () => {
    expect(sim.internalErrors).toEqual([]);
    await user.close();
    graph?.endpoint.close();
    await sim.close();
  });

  const wellKnown = (name: string) => sim.model.wellKnownFolder(mailbox, name)!.id;
  const operations = () => sim.knobs.counterSnapshot().byOperation;

  it('creates, renames, moves and deletes folders', async () => {
    const before = sim.knobs.counterSnapshot().total;
    const projects = await user.createFolder(wellKnown('inbox'), 'Projects & Plans');
    const child = await user.createFolder(projects, 'Alpha');
    expect(sim.model.folder(projects)).toMatchObject({
      displayName: 'Projects & Plans',
      parentId: wellKnown('inbox'),
      folderClass: 'IPF.Note',
    });
    expect(sim.model.folder(child)).toMatchObject({ displayName: 'Alpha', parentId: projects });

    await user.renameFolder(child, 'Alpha (done)');
    expect(sim.model.folder(child)?.displayName).toBe('Alpha (done)');
    const msgRoot = wellKnown('msgfolderroot');
    await user.moveFolder(child, msgRoot);
    // A move keeps the folder's id on both protocols.
    expect(sim.model.folder(child)).toMatchObject({ displayName: 'Alpha (done)', parentId: msgRoot });

    await user.deleteFolder(child, 'deleted-items');
    expect(sim.model.folder(child)?.parentId).toBe(wellKnown('deleteditems'));
    await user.deleteFolder(child, 'hard');
    expect(sim.model.folder(child)).toBeUndefined();
    await user.deleteFolder(projects, 'hard');
    expect(sim.model.folder(projects)).toBeUndefined();
    // Every request was served and counted (GET /sim/stats reports the same counters).
    expect(sim.knobs.counterSnapshot().total).toBeGreaterThan(before + 6);
    const names = Object.keys(operations());
    expect(names).toEqual(
      expect.arrayContaining(
        protocol === 'ews'
          ? ['ews:CreateFolder', 'ews:UpdateFolder', 'ews:MoveFolder', 'ews:DeleteFolder']
          : [
              'graph:mailfolder-post-childfolders',
              'graph:mailfolder-update',
              'graph:mailfolder-move',
              'graph:mailfolder-delete',
              'graph:mailfolder-permanentdelete',
            ],
      ),
    );
  });

  it('creates a message with a sensitivity and a flag, and an Enterprise Vault shortcut', async () => {
    const inbox = wellKnown('inbox');
    const id = await user.createMessage(inbox, {
      subject: 'Quarterly <figures>',
      sensitivity: 'private',
      flagStatus: 'flagged',
    });
    expect(sim.model.item(id)).toMatchObject({
      folderId: inbox,
      subject: 'Quarterly <figures>',
      sensitivity: 'Private',
      itemClass: 'IPM.Note',
      flag: { status: 'Flagged' },
    });
    const stub = await user.createMessage(inbox, {
      subject: 'Archived report',
      itemClass: 'IPM.Note.EnterpriseVault.Shortcut',
    });
    expect(sim.model.item(stub)).toMatchObject({
      itemClass: 'IPM.Note.EnterpriseVault.Shortcut',
      sensitivity: 'Normal',
      flag: { status: 'NotFlagged' },
    });
  });

  it('changes the sensitivity, sets and clears the follow-up flag', async () => {
    const id = await user.createMessage(wellKnown('inbox'), { subject: 'Changing' });
    for (const [sensitivity, model] of [
      ['personal', 'Personal'],
      ['confidential', 'Confidential'],
      ['normal', 'Normal'],
    ] as const) {
      await user.setSensitivity(id, sensitivity);
      expect(sim.model.item(id)?.sensitivity).toBe(model);
    }
    await user.setFlag(id, 'flagged');
    expect(sim.model.item(id)?.flag.status).toBe('Flagged');
    await user.setFlag(id, 'complete');
    expect(sim.model.item(id)?.flag.status).toBe('Complete');
    await user.setFlag(id, 'notFlagged');
    expect(sim.model.item(id)?.flag.status).toBe('NotFlagged');
  });

  it('moves a message (a new id in the new folder) and deletes messages', async () => {
    const inbox = wellKnown('inbox');
    const sent = wellKnown('sentitems');
    const id = await user.createMessage(inbox, { subject: 'On the move' });
    const moved = await user.moveMessage(id, sent);
    expect(moved).not.toBe(id);
    expect(sim.model.item(id)).toBeUndefined();
    expect(sim.model.item(moved)).toMatchObject({ folderId: sent, subject: 'On the move' });

    await user.deleteMessage(moved, 'deleted-items');
    const inDeleted = [...sim.model.items(wellKnown('deleteditems'))].find(
      (i) => i.subject === 'On the move',
    );
    expect(inDeleted).toBeDefined();
    await user.deleteMessage(inDeleted!.id, 'hard');
    // Gone from every folder the user can see; a hard delete keeps it only in Recoverable Items\Purges.
    const visible = sim.model
      .descendantFolders(wellKnown('msgfolderroot'))
      .flatMap((f) => [...sim.model.items(f.id)])
      .filter((i) => i.subject === 'On the move');
    expect(visible).toEqual([]);
  });
});
