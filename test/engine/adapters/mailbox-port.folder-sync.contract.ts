import { describe, expect, it } from 'vitest';
import type { FolderChange, MailboxFolder, MailboxPort } from '../../../engine/ports/mailbox.ts';
import type { FolderView } from '../../sim/model/index.ts';
import type { MailboxPortHarness } from './mailbox-port.contract.ts';
import { failure } from './support/exchange-failure.ts';
import { garble } from './support/garble.ts';

const idOf = (change: FolderChange): string => (change.kind === 'deleted' ? change.id : change.folder.id);

/** What the port must say about a model folder (no well-known name: the tests change user folders only). */
function expectedFolder(view: FolderView): MailboxFolder {
  return {
    id: view.id,
    ...(view.parentId ? { parentId: view.parentId } : {}),
    displayName: view.displayName,
    totalCount: view.totalCount,
  };
}

/** Every upsert comes after the upsert of its parent when both are in the same answer. */
function expectParentsFirst(changes: readonly FolderChange[]): void {
  const position = new Map(changes.map((c, i) => [idOf(c), i]));
  changes.forEach((c, i) => {
    if (c.kind === 'deleted') return;
    expect(position.get(c.folder.parentId ?? '') ?? -1).toBeLessThan(i);
  });
}

/**
 * Folder hierarchy sync (`MailboxPort.syncFolders`), run inside the mailbox port contract on both
 * adapters. The folders are changed through the protocols, as a mailbox's user would change them
 * (test/sim/user/), and the port's answers are compared with the simulator's model.
 * EWS: https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-synchronize-folders-by-using-ews-in-exchange
 * Graph: https://learn.microsoft.com/graph/api/mailfolder-delta
 */
export function describeFolderSyncContract(
  context: () => { readonly h: MailboxPortHarness; readonly port: MailboxPort },
): void {
  describe('folder hierarchy sync', () => {
    it('a full sync reports every mail folder as created, parents first, exactly as listFolders lists them', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(1)!.primarySmtp;
      const [{ changes, syncState }, listing] = [
        await port.syncFolders(mailbox, undefined),
        await port.listFolders(mailbox),
      ];
      expect(syncState.length).toBeGreaterThan(10);
      expect(changes.map((c) => c.kind)).toEqual(changes.map(() => 'created'));
      const folders = changes.map((c) => (c as { folder: MailboxFolder }).folder);
      expect(folders).toEqual(listing.folders);
      expect(folders.length).toBeGreaterThan(14);
      expect(folders.filter((f) => f.wellKnownName)).toHaveLength(6);
      expectParentsFirst(changes);
    });

    it('an incremental sync reports exactly the created, renamed, moved and deleted folders, and then nothing', async () => {
      const { h, port } = context();
      const model = h.sim.model;
      const mailbox = model.mailboxAt(0)!.primarySmtp;
      const user = h.user(mailbox);
      try {
        const inbox = model.wellKnownFolder(mailbox, 'inbox')!.id;
        const root = model.wellKnownFolder(mailbox, 'msgfolderroot')!.id;
        // Six user folders to change, each its own leaf, so a change touches one folder only.
        const [toRename, toMove, toDelete, toBin, target, untouched] = await Promise.all(
          ['Rename me', 'Move me', 'Delete me', 'Bin me', 'Target', 'Untouched'].map((name) =>
            user.createFolder(inbox, name),
          ),
        );
        const { syncState } = await port.syncFolders(mailbox, undefined);

        const created = await user.createFolder(root, 'Created since');
        const createdChild = await user.createFolder(created, 'Its child');
        await user.renameFolder(toRename!, 'Renamed since');
        await user.moveFolder(toMove!, target!);
        await user.deleteFolder(toDelete!, 'hard');
        await user.deleteFolder(toBin!, 'deleted-items');

        const { changes, syncState: after } = await port.syncFolders(mailbox, syncState);
        const upsert = h.reportsCreations ? 'created' : 'updated';
        const folder = (id: string) => expectedFolder(model.folder(id)!);
        expect(new Map(changes.map((c) => [idOf(c), c]))).toEqual(
          new Map<string, FolderChange>([
            [created, { kind: upsert, folder: folder(created) }],
            [createdChild, { kind: upsert, folder: folder(createdChild) }],
            [toRename!, { kind: 'updated', folder: { ...folder(toRename!), displayName: 'Renamed since' } }],
            [toMove!, { kind: 'updated', folder: { ...folder(toMove!), parentId: target! } }],
            [toDelete!, { kind: 'deleted', id: toDelete! }],
            [
              toBin!,
              {
                kind: 'updated',
                folder: { ...folder(toBin!), parentId: model.wellKnownFolder(mailbox, 'deleteditems')!.id },
              },
            ],
          ]),
        );
        expect(changes).toHaveLength(6);
        expectParentsFirst(changes);
        expect(changes.map(idOf)).not.toContain(untouched);

        const again = await port.syncFolders(mailbox, after);
        expect(again.changes).toEqual([]);
        // The state after an empty round still works.
        await user.renameFolder(untouched!, 'Touched at last');
        const last = await port.syncFolders(mailbox, again.syncState);
        expect(last.changes).toEqual([
          { kind: 'updated', folder: { ...folder(untouched!), displayName: 'Touched at last' } },
        ]);
      } finally {
        await user.close();
      }
    });

    it('follows a round that takes several responses to its end, and goes on from its state', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(1)!.primarySmtp;
      const { folders } = await port.listFolders(mailbox);
      const operation = `${h.protocol}:${h.listingOperation}`;
      const requests = () => h.sim.knobs.counterSnapshot().byOperation[operation] ?? 0;
      h.limitHierarchyResponses(4);
      try {
        const before = requests();
        const full = await port.syncFolders(mailbox, undefined);
        // At least one response per four mail folders (EWS also hands out the other folders below msgfolderroot).
        expect(requests() - before).toBeGreaterThanOrEqual(Math.ceil(folders.length / 4));
        expect(full.changes).toEqual(folders.map((folder) => ({ kind: 'created', folder })));
        const quiet = await port.syncFolders(mailbox, full.syncState);
        expect(quiet.changes).toEqual([]);
      } finally {
        h.limitHierarchyResponses(undefined);
      }
    });

    it('a mailbox without changes gives no changes', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(2)!.primarySmtp;
      const { syncState } = await port.syncFolders(mailbox, undefined);
      const { changes, syncState: after } = await port.syncFolders(mailbox, syncState);
      expect(changes).toEqual([]);
      expect((await port.syncFolders(mailbox, after)).changes).toEqual([]);
    });

    it('a garbled, foreign or expired state is sync-state-invalid; a full sync then works again', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(2)!.primarySmtp;
      const { syncState } = await port.syncFolders(mailbox, undefined);
      const inbox = h.sim.model.wellKnownFolder(mailbox, 'inbox')!.id;
      const { syncState: itemState } = await port.syncItems(mailbox, inbox, undefined, { maxChanges: 1 });
      for (const bad of ['not a sync state', garble(syncState), itemState]) {
        const error = await failure(port.syncFolders(mailbox, bad));
        expect(error.code).toBe('sync-state-invalid');
        expect(error.retryable).toBe(false);
      }
      // The server forgets its states (EWS ErrorInvalidSyncStateData, Graph syncStateNotFound / 410).
      h.sim.model.invalidateSyncStates(mailbox);
      const error = await failure(port.syncFolders(mailbox, syncState));
      expect(error.code).toBe('sync-state-invalid');
      expect(error.message).toContain(mailbox);
      const { changes } = await port.syncFolders(mailbox, undefined);
      expect(changes).toHaveLength((await port.listFolders(mailbox)).folders.length);
    });

    // EWS: https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
    // Graph: https://learn.microsoft.com/graph/throttling (429 + Retry-After)
    it('waits as long as the throttling server says, then answers', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(2)!.primarySmtp;
      const { syncState } = await port.syncFolders(mailbox, undefined);
      const backOffMs = 1200;
      const wait = h.serverWaitMs(backOffMs);
      const scripted = h.sim.knobs.counterSnapshot().throttled.scripted;
      h.sim.knobs.injectThrottle({ protocol: h.protocol, operation: h.listingOperation }, 1, backOffMs);
      const started = performance.now();
      const { changes } = await port.syncFolders(mailbox, syncState);
      const elapsed = performance.now() - started;
      expect(h.sim.knobs.counterSnapshot().throttled.scripted).toBe(scripted + 1);
      expect(changes).toEqual([]);
      expect(elapsed).toBeGreaterThanOrEqual(wait - 5);
      expect(elapsed).toBeLessThan(wait + 1500);
    });

    it('a cancel during a 60 s back-off ends the call within a second, and an already-cancelled signal sends nothing', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(2)!.primarySmtp;
      const { syncState } = await port.syncFolders(mailbox, undefined);
      h.sim.knobs.injectThrottle({ protocol: h.protocol, operation: h.listingOperation }, 1, 60_000);
      const controller = new AbortController();
      let abortedAt = 0;
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort(new Error('the run was cancelled'));
      }, 300);
      try {
        const error = await failure(port.syncFolders(mailbox, syncState, controller.signal));
        expect(error.code).toBe('cancelled');
        expect(abortedAt).toBeGreaterThan(0);
        expect(performance.now() - abortedAt).toBeLessThan(1000);
      } finally {
        h.sim.knobs.clearScripted();
      }
      const before = h.sim.knobs.counterSnapshot().total;
      const error = await failure(port.syncFolders(mailbox, syncState, AbortSignal.abort()));
      expect(error.code).toBe('cancelled');
      expect(h.sim.knobs.counterSnapshot().total).toBe(before);
    });
  });
}
