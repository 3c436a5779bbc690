import { describe, expect, it } from 'vitest';
import type { ItemChange, MailboxItem, MailboxPort } from '../../../engine/ports/mailbox.ts';
import type { MailboxPortHarness } from './mailbox-port.contract.ts';

/** Every page of an item sync from `state`: the changes and the last state. */
async function syncAll(
  port: MailboxPort,
  mailbox: string,
  folderId: string,
  state: string | undefined,
): Promise<{ changes: ItemChange[]; syncState: string }> {
  const changes: ItemChange[] = [];
  let current = state;
  for (let pages = 0; pages < 100; pages++) {
    const page = await port.syncItems(mailbox, folderId, current);
    changes.push(...page.changes);
    current = page.syncState;
    if (!page.more) return { changes, syncState: current };
  }
  throw new Error('the item sync did not end');
}

const itemOf = (change: ItemChange | undefined): MailboxItem | undefined =>
  change && 'item' in change ? change.item : undefined;

/**
 * What replication needs to see of a user's message changes, made through the adapter's own protocol
 * (test/sim/user/): the message class of an archive shortcut, sensitivity (Personal and Private are
 * never replicated) and the follow-up flag, each also when changed later, and moves and deletions.
 */
export function describeUserChangesContract(
  context: () => { readonly h: MailboxPortHarness; readonly port: MailboxPort },
): void {
  describe('message changes a user makes through the protocol', () => {
    it('reports the class of an Enterprise Vault shortcut, sensitivity and flag as set, changed and cleared', async () => {
      const { h, port } = context();
      const model = h.sim.model;
      const mailbox = model.mailboxAt(2)!.primarySmtp;
      const user = h.user(mailbox);
      try {
        const folder = await user.createFolder(model.wellKnownFolder(mailbox, 'inbox')!.id, 'User changes');
        const stub = await user.createMessage(folder, {
          subject: 'Archived report',
          itemClass: 'IPM.Note.EnterpriseVault.Shortcut',
        });
        const secret = await user.createMessage(folder, {
          subject: 'Private matter',
          sensitivity: 'private',
          flagStatus: 'flagged',
        });
        const plain = await user.createMessage(folder, { subject: 'Plain' });
        const full = await syncAll(port, mailbox, folder, undefined);
        const byId = (changes: ItemChange[]) => new Map(changes.map((c) => [itemOf(c)?.id ?? '', c]));
        const first = byId(full.changes);
        const id = (modelId: string) => h.itemId(model.item(modelId)!);
        expect(itemOf(first.get(id(stub)))).toMatchObject({
          itemClass: 'IPM.Note.EnterpriseVault.Shortcut',
          sensitivity: 'normal',
          flagStatus: 'notFlagged',
        });
        expect(itemOf(first.get(id(secret)))).toMatchObject({
          itemClass: 'IPM.Note',
          sensitivity: 'private',
          flagStatus: 'flagged',
        });
        expect(full.changes).toHaveLength(3);
        // The adapter's ids, taken while the model still has the messages.
        const [secretId, plainId] = [id(secret), id(plain)];

        await user.setSensitivity(secret, 'normal');
        await user.setFlag(secret, 'notFlagged');
        await user.setSensitivity(stub, 'personal');
        await user.setFlag(stub, 'complete');
        const movedTo = model.wellKnownFolder(mailbox, 'sentitems')!.id;
        await user.moveMessage(plain, movedTo);
        const next = await syncAll(port, mailbox, folder, full.syncState);
        const second = byId(next.changes);
        expect(second.get(id(secret))).toMatchObject({
          kind: 'updated',
          item: { sensitivity: 'normal', flagStatus: 'notFlagged' },
        });
        expect(second.get(id(stub))).toMatchObject({
          kind: 'updated',
          item: {
            sensitivity: 'personal',
            flagStatus: 'complete',
            itemClass: 'IPM.Note.EnterpriseVault.Shortcut',
          },
        });
        expect(next.changes).toContainEqual({ kind: 'deleted', id: plainId });
        expect(next.changes).toHaveLength(3);

        await user.deleteMessage(secret, 'hard');
        const last = await syncAll(port, mailbox, folder, next.syncState);
        expect(last.changes).toEqual([{ kind: 'deleted', id: secretId }]);
      } finally {
        await user.close();
      }
    });
  });
}
