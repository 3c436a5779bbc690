import { describe, expect, it } from 'vitest';
import type { ItemChange, ItemSyncPage, MailboxItem, MailboxPort } from '../../../engine/ports/mailbox.ts';
import type { ItemView } from '../../sim/model/index.ts';
import type { MailboxPortHarness } from './mailbox-port.contract.ts';
import { failure } from './support/exchange-failure.ts';
import { garble } from './support/garble.ts';

/** Every page of a sync from `state` until the server has nothing more: the changes and the last state. */
async function syncToEnd(
  port: MailboxPort,
  mailbox: string,
  folderId: string,
  state: string | undefined,
  maxChanges?: number,
): Promise<{ changes: ItemChange[]; syncState: string; pages: ItemSyncPage[] }> {
  const pages: ItemSyncPage[] = [];
  let current = state;
  for (;;) {
    const page = await port.syncItems(mailbox, folderId, current, maxChanges ? { maxChanges } : {});
    pages.push(page);
    expect(page.changes.length).toBeLessThanOrEqual(maxChanges ?? Infinity);
    current = page.syncState;
    if (!page.more) return { changes: pages.flatMap((p) => p.changes), syncState: current, pages };
    expect(pages.length).toBeLessThan(1000);
  }
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
const iso = (text: string | undefined): string | undefined =>
  text ? new Date(text).toISOString() : undefined;

/** What the port must say about a model item: the model is the ground truth. */
function expectedItem(h: MailboxPortHarness, view: ItemView): MailboxItem {
  const from = view.from;
  const receivedAt = iso(view.receivedAt);
  const sentAt = iso(view.sentAt);
  return {
    id: h.itemId(view),
    folderId: view.folderId,
    ...(view.internetMessageId ? { internetMessageId: view.internetMessageId } : {}),
    subject: view.subject,
    ...(from && (from.name || from.address)
      ? {
          from: {
            ...(from.name ? { name: from.name } : {}),
            ...(from.address ? { address: from.address } : {}),
          },
        }
      : {}),
    ...(receivedAt ? { receivedAt } : {}),
    ...(sentAt ? { sentAt } : {}),
    size: view.size,
    sensitivity: view.sensitivity.toLowerCase() as MailboxItem['sensitivity'],
    itemClass: view.itemClass,
    flagStatus: lowerFirst(view.flag.status) as MailboxItem['flagStatus'],
    hasAttachments: view.hasAttachments,
    categories: [...view.categories],
    isRead: view.isRead,
  };
}

function byId(items: readonly MailboxItem[]): MailboxItem[] {
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}

function createdItems(changes: readonly ItemChange[]): MailboxItem[] {
  return changes.map((c) => {
    expect(c.kind).toBe('created');
    return (c as { item: MailboxItem }).item;
  });
}

/**
 * Item sync (`MailboxPort.syncItems`), run inside the mailbox port contract on both adapters. The
 * items the port reports are compared field by field with the simulator's model; changes are made
 * through the model's mutation API, as a mailbox's user would make them.
 */
export function describeItemSyncContract(
  context: () => { readonly h: MailboxPortHarness; readonly port: MailboxPort },
): void {
  describe('item sync', () => {
    /** A fresh mail folder under the Inbox of mailbox `ordinal`, with `count` varied items. */
    function folderWithItems(ordinal: number, name: string, count: number) {
      const { h } = context();
      const mailbox = h.sim.model.mailboxAt(ordinal)!.primarySmtp;
      const inbox = h.sim.model.wellKnownFolder(mailbox, 'inbox')!;
      const folder = h.sim.model.createFolder(inbox.id, { displayName: name });
      const sensitivities = ['Normal', 'Personal', 'Private', 'Confidential'] as const;
      const flags = ['NotFlagged', 'Flagged', 'Complete'] as const;
      for (let i = 0; i < count; i++)
        h.sim.model.createItem(folder.id, {
          subject: `${name} ${i}`,
          ...(i % 7 === 3 ? {} : { internetMessageId: `<${name.replace(/\W/g, '')}.${i}@example.test>` }),
          from: { name: `Sender ${i % 5}`, address: `sender${i % 5}@example.test` },
          to: [{ name: 'Owner', address: mailbox }],
          receivedAt: new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString(),
          sentAt: new Date(Date.UTC(2026, 10, 1, 7, 59, i)).toISOString(),
          body: { type: 'text', content: `Body ${i} `.repeat(1 + (i % 9)) },
          sensitivity: sensitivities[i % 4]!,
          flag: { status: flags[i % 3]! },
          categories: i % 2 ? ['Red', `Group ${i % 3}`] : [],
          isRead: i % 3 !== 0,
          ...(i % 11 === 5 ? { itemClass: 'IPM.Note.EnterpriseVault.Shortcut' } : {}),
          ...(i % 13 === 4
            ? { attachments: [{ name: `file${i}.txt`, content: Buffer.from(`attachment ${i}`) }] }
            : {}),
        });
      return { mailbox, folder };
    }

    it('a full sync of every mail folder, page by page, reports exactly the model items', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(2)!.primarySmtp;
      const { folders } = await port.listFolders(mailbox);
      let total = 0;
      for (const folder of folders) {
        const { changes, pages } = await syncToEnd(port, mailbox, folder.id, undefined, 2);
        const expected = [...h.sim.model.items(folder.id)].map((v) => expectedItem(h, v));
        expect(byId(createdItems(changes))).toEqual(byId(expected));
        // Two changes a page at most, so a folder of n items takes at least ceil(n / 2) pages.
        expect(pages.length).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(expected.length / 2)));
        total += expected.length;
      }
      expect(total).toBeGreaterThan(30);
    });

    it('a full sync of a large folder with varied properties: 512 changes a page, every field as the model has it', async () => {
      const { h, port } = context();
      const { mailbox, folder } = folderWithItems(2, 'Large folder', 600);
      const { changes, pages } = await syncToEnd(port, mailbox, folder.id, undefined);
      expect(pages.map((p) => p.changes.length)).toEqual([512, 88]);
      const expected = [...h.sim.model.items(folder.id)].map((v) => expectedItem(h, v));
      expect(byId(createdItems(changes))).toEqual(byId(expected));
      // The population really varies: every sensitivity, flag state and a stub class are in it.
      const reported = createdItems(changes);
      expect(new Set(reported.map((i) => i.sensitivity)).size).toBe(4);
      expect(new Set(reported.map((i) => i.flagStatus)).size).toBe(3);
      expect(reported.some((i) => i.itemClass === 'IPM.Note.EnterpriseVault.Shortcut')).toBe(true);
      expect(reported.some((i) => i.hasAttachments)).toBe(true);
      // Messages created from fields get an InternetMessageId, as Exchange gives them (one each).
      expect(new Set(reported.map((i) => i.internetMessageId)).size).toBe(reported.length);
    });

    it('an incremental sync from the saved state reports exactly the creates, updates, read-flag changes and deletions since', async () => {
      const { h, port } = context();
      const model = h.sim.model;
      const { mailbox, folder } = folderWithItems(2, 'Incremental', 8);
      const elsewhere = model.wellKnownFolder(mailbox, 'inbox')!;
      const { syncState } = await syncToEnd(port, mailbox, folder.id, undefined);

      const [toUpdate, toMarkRead, toDelete, toMove] = [...model.items(folder.id)].slice(0, 4);
      const created = model.createItem(folder.id, {
        subject: 'Arrived since',
        internetMessageId: '<arrived.since@example.test>',
        from: { name: 'Newcomer', address: 'newcomer@example.test' },
        to: [{ name: 'Owner', address: mailbox }],
        receivedAt: '2026-11-20T10:00:00Z',
        sentAt: '2026-11-20T09:59:00Z',
        body: { type: 'text', content: 'new' },
        sensitivity: 'Private',
        categories: ['Blue'],
        flag: { status: 'Flagged' },
        isRead: false,
      });
      const updated = model.updateItem(toUpdate!.id, {
        sensitivity: 'Confidential',
        categories: ['Green', 'Yellow'],
        flag: { status: 'Complete' },
      });
      const markedRead = model.updateItem(toMarkRead!.id, { isRead: !toMarkRead!.isRead });
      model.deleteItem(toDelete!.id, 'hard');
      model.moveItem(toMove!.id, elsewhere.id);

      const { changes, syncState: after } = await syncToEnd(port, mailbox, folder.id, syncState);
      expect(changes).toHaveLength(5);
      const byItem = new Map(changes.map((c) => ['item' in c ? c.item.id : c.id, c]));
      expect(byItem.size).toBe(5);
      expect(byItem.get(h.itemId(created))).toEqual({
        kind: h.reportsCreations ? 'created' : 'updated',
        item: expectedItem(h, created),
      });
      expect(byItem.get(h.itemId(updated))).toEqual({ kind: 'updated', item: expectedItem(h, updated) });
      expect(byItem.get(h.itemId(markedRead))).toEqual(
        h.reportsReadFlagChanges
          ? { kind: 'read-flag', id: h.itemId(markedRead), isRead: markedRead.isRead }
          : { kind: 'updated', item: expectedItem(h, markedRead) },
      );
      // Deleted, and moved out of the folder: both leave it, named by the id they had in it.
      expect(byItem.get(h.itemId(toDelete!))).toEqual({ kind: 'deleted', id: h.itemId(toDelete!) });
      expect(byItem.get(h.itemId(toMove!))).toEqual({ kind: 'deleted', id: h.itemId(toMove!) });

      // Nothing changed since: nothing to report.
      const again = await port.syncItems(mailbox, folder.id, after);
      expect(again).toMatchObject({ changes: [], more: false });
    });

    it('a garbled, foreign or server-invalidated sync state is sync-state-invalid', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(0)!.primarySmtp;
      const inbox = h.sim.model.wellKnownFolder(mailbox, 'inbox')!.id;
      const { syncState } = await syncToEnd(port, mailbox, inbox, undefined);
      for (const bad of ['not a sync state', garble(syncState)]) {
        const error = await failure(port.syncItems(mailbox, inbox, bad));
        expect(error.code).toBe('sync-state-invalid');
        expect(error.retryable).toBe(false);
      }
      h.sim.model.invalidateSyncStates(mailbox);
      const error = await failure(port.syncItems(mailbox, inbox, syncState));
      expect(error.code).toBe('sync-state-invalid');
      expect(error.message).toContain(mailbox);
      // Starting over without a state works.
      const { changes } = await syncToEnd(port, mailbox, inbox, undefined);
      expect(changes).toHaveLength(h.sim.model.itemCount(inbox));
    });

    it('a folder deleted since the listing is folder-not-found, not mailbox-not-found', async () => {
      const { h, port } = context();
      const { mailbox, folder } = folderWithItems(0, 'Short-lived', 2);
      await syncToEnd(port, mailbox, folder.id, undefined);
      h.sim.model.deleteFolder(folder.id, 'hard');
      const error = await failure(port.syncItems(mailbox, folder.id, undefined));
      expect(error.code).toBe('folder-not-found');
      expect(error.message).toContain(mailbox);
    });

    // EWS: https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
    // Graph: https://learn.microsoft.com/graph/throttling (429 + Retry-After)
    it('waits as long as the throttling server says, then returns the page', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(0)!.primarySmtp;
      const sent = h.sim.model.wellKnownFolder(mailbox, 'sentitems')!.id;
      const backOffMs = 1200;
      const wait = h.serverWaitMs(backOffMs);
      h.sim.knobs.injectThrottle({ protocol: h.protocol, operation: h.itemSyncOperation }, 1, backOffMs);
      const started = performance.now();
      const { changes } = await syncToEnd(port, mailbox, sent, undefined);
      const elapsed = performance.now() - started;
      expect(changes).toHaveLength(h.sim.model.itemCount(sent));
      expect(elapsed).toBeGreaterThanOrEqual(wait - 5);
      expect(elapsed).toBeLessThan(wait + 1500);
    });

    it('a cancel while a page is in flight on a slow server ends the call at once with cancelled', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(0)!.primarySmtp;
      const inbox = h.sim.model.wellKnownFolder(mailbox, 'inbox')!.id;
      h.sim.knobs.configure({
        latency: {
          byOperation: { [`${h.protocol}:${h.itemSyncOperation}`]: { minMs: 30_000, maxMs: 30_000 } },
        },
      });
      const controller = new AbortController();
      let abortedAt = 0;
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort(new Error('the run was cancelled'));
      }, 300);
      try {
        const error = await failure(port.syncItems(mailbox, inbox, undefined, { signal: controller.signal }));
        expect(error.code).toBe('cancelled');
        expect(abortedAt).toBeGreaterThan(0);
        expect(performance.now() - abortedAt).toBeLessThan(1000);
      } finally {
        h.sim.knobs.configure({ latency: { byOperation: {} } });
      }
    });

    it('a cancel during a 60 s back-off ends the call at once, and an already-cancelled signal sends nothing', async () => {
      const { h, port } = context();
      const mailbox = h.sim.model.mailboxAt(0)!.primarySmtp;
      const inbox = h.sim.model.wellKnownFolder(mailbox, 'inbox')!.id;
      h.sim.knobs.injectThrottle({ protocol: h.protocol, operation: h.itemSyncOperation }, 1, 60_000);
      const controller = new AbortController();
      let abortedAt = 0;
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort();
      }, 300);
      try {
        const error = await failure(port.syncItems(mailbox, inbox, undefined, { signal: controller.signal }));
        expect(error.code).toBe('cancelled');
        expect(performance.now() - abortedAt).toBeLessThan(1000);
      } finally {
        h.sim.knobs.clearScripted();
      }
      const before = h.sim.knobs.counterSnapshot().total;
      const error = await failure(port.syncItems(mailbox, inbox, undefined, { signal: AbortSignal.abort() }));
      expect(error.code).toBe('cancelled');
      expect(h.sim.knobs.counterSnapshot().total).toBe(before);
    });
  });
}
