import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplicaItemChange, ReplicaScope, ReplicaStore } from '../../../engine/ports/replica-store.ts';
import { T1, T2, T3, message, run, seedTree } from './replica-store.fixtures.ts';

/** One message seen under a new id in another folder (EWS) or under the same id (Graph), in both orders. */
export function describeItemMoves(store: () => ReplicaStore, scope: ReplicaScope): void {
  describe('moves', () => {
    beforeEach(async () => {
      await seedTree(store(), scope);
      await store().applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'upsert', item: message('ews-1', 'inbox', { internetMessageId: '<m@contoso.com>' }) }],
        run('r1', T1),
      );
    });
    const moved = message('ews-2', 'archive', { internetMessageId: '<m@contoso.com>', isRead: true });

    async function expectOneMovedRow(id: string): Promise<void> {
      const items = await store().items(scope);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        id,
        folderId: 'archive',
        folderPath: 'Archive',
        firstSeen: T1,
        lastSeen: T2,
      });
      expect(items[0]?.deletedAt).toBeUndefined();
      expect(items[0]?.previousLocations).toEqual([
        { folderId: 'inbox', folderPath: 'Inbox', since: T1, until: T2 },
      ]);
    }

    it('joins an EWS move whose old place is seen first (deleted, then created under a new id)', async () => {
      const a = await store().applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'deleted', id: 'ews-1' }],
        run('r2', T2),
      );
      expect(a).toMatchObject({ deleted: 1 });
      const b = await store().applyItemChanges(
        scope,
        'archive',
        [{ kind: 'upsert', item: moved }],
        run('r2', T2),
      );
      expect(b).toMatchObject({ moved: 1, stored: 0 });
      await expectOneMovedRow('ews-2');
      expect((await store().items(scope))[0]?.isRead).toBe(true);
    });

    it('joins an EWS move whose new place is seen first (created under a new id, then deleted)', async () => {
      const a = await store().applyItemChanges(
        scope,
        'archive',
        [{ kind: 'upsert', item: moved }],
        run('r2', T2),
      );
      expect(a).toMatchObject({ stored: 1 });
      const b = await store().applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'deleted', id: 'ews-1' }],
        run('r2', T2),
      );
      expect(b).toMatchObject({ moved: 1, deleted: 0 });
      await expectOneMovedRow('ews-2');
    });

    it('does not join across runs: a copy stored in a later run stays a message of its own', async () => {
      await store().applyItemChanges(scope, 'inbox', [{ kind: 'deleted', id: 'ews-1' }], run('r2', T2));
      await store().applyItemChanges(scope, 'archive', [{ kind: 'upsert', item: moved }], run('r3', T3));
      expect((await store().items(scope)).map((i) => [i.id, i.deletedAt ?? null]).sort()).toEqual([
        ['ews-1', T2],
        ['ews-2', null],
      ]);
    });

    it('keeps the whole trail across two EWS moves, oldest first', async () => {
      await store().applyItemChanges(scope, 'inbox', [{ kind: 'deleted', id: 'ews-1' }], run('r2', T2));
      await store().applyItemChanges(scope, 'archive', [{ kind: 'upsert', item: moved }], run('r2', T2));
      await store().applyItemChanges(scope, 'archive', [{ kind: 'deleted', id: 'ews-2' }], run('r3', T3));
      const third = message('ews-3', 'y2019', { internetMessageId: '<m@contoso.com>' });
      await store().applyItemChanges(scope, 'y2019', [{ kind: 'upsert', item: third }], run('r3', T3));
      const items = await store().items(scope);
      expect(items.map((i) => [i.id, i.folderPath])).toEqual([['ews-3', 'Inbox/Projects/2019']]);
      expect(items[0]?.previousLocations.map((l) => [l.folderPath, l.since, l.until])).toEqual([
        ['Inbox', T1, T2],
        ['Archive', T2, T3],
      ]);
    });

    for (const order of ['upsert first', 'deleted first'] as const)
      it(`follows a Graph move (same id, ${order})`, async () => {
        const upsert: ReplicaItemChange = {
          kind: 'upsert',
          item: message('ews-1', 'archive', { internetMessageId: '<m@contoso.com>' }),
        };
        const steps: [string, ReplicaItemChange][] = [
          ['archive', upsert],
          ['inbox', { kind: 'deleted', id: 'ews-1' }],
        ];
        if (order === 'deleted first') steps.reverse();
        for (const [folderId, change] of steps)
          await store().applyItemChanges(scope, folderId, [change], run('r2', T2));
        await expectOneMovedRow('ews-1');
      });

    it('replays a page (a crash before its submission was stored) without doubling rows or history', async () => {
      const page: ReplicaItemChange[] = [
        { kind: 'upsert', item: moved },
        { kind: 'upsert', item: message('new', 'archive') },
        { kind: 'read-flag', id: 'new', isRead: true },
      ];
      await store().applyItemChanges(scope, 'inbox', [{ kind: 'deleted', id: 'ews-1' }], run('r2', T2));
      await store().applyItemChanges(scope, 'archive', page, run('r2', T2));
      const once = await store().items(scope);
      await store().applyItemChanges(scope, 'inbox', [{ kind: 'deleted', id: 'ews-1' }], run('r2', T2));
      expect(await store().applyItemChanges(scope, 'archive', page, run('r2', T2))).toMatchObject({
        stored: 0,
        moved: 0,
      });
      expect(await store().items(scope)).toEqual(once);
      expect(once.find((i) => i.id === 'ews-2')?.previousLocations).toHaveLength(1);
      expect(once.find((i) => i.id === 'new')?.isRead).toBe(true);
      expect(await store().itemCount(scope)).toBe(2);
    });

    it('applies a page of 512 changes in one call', async () => {
      const page: ReplicaItemChange[] = Array.from({ length: 512 }, (_, i) => ({
        kind: 'upsert',
        item: message(`bulk-${i}`, 'y2019'),
      }));
      expect(await store().applyItemChanges(scope, 'y2019', page, run('r2', T2))).toMatchObject({
        stored: 512,
      });
      expect((await store().folders(scope)).find((f) => f.id === 'y2019')?.liveItems).toBe(512);
    });
  });
}
