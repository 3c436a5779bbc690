import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplicaScope, ReplicaStore } from '../../../engine/ports/replica-store.ts';
import { freshNamespace } from '../../helpers/store-backends.ts';
import { describeCalendarReplica } from './replica-store.calendar.contract.ts';
import { describeItemMoves } from './replica-store.moves.contract.ts';
import {
  T0,
  T1,
  T2,
  T3,
  folder,
  message,
  run,
  seedTree,
  type OpenReplica,
} from './replica-store.fixtures.ts';

const scope: ReplicaScope = { taskId: 'task-1', mailbox: 'alice@contoso.com' };

/** The ReplicaStore port's rules (engine/ports/replica-store.ts), on a real database. */
export function describeReplicaStore(backend: string, open: OpenReplica): void {
  describe(`replica store on ${backend}`, () => {
    let namespace: string;
    let store: ReplicaStore;
    beforeEach(async () => {
      namespace = freshNamespace('rep');
      store = await open(namespace);
    });
    afterEach(() => store.close());

    it('keeps the folder tree with paths, parents before children, and item counts', async () => {
      await seedTree(store, scope);
      await store.applyFolderChanges(scope, [folder('slash', 'A/B', 'archive')], T0);
      await store.applyItemChanges(
        scope,
        'projects',
        [{ kind: 'upsert', item: message('m1', 'projects') }],
        run('r1', T1),
      );
      const folders = await store.folders(scope);
      expect(folders.map((f) => [f.id, f.path, f.parentId])).toEqual([
        ['archive', 'Archive', undefined],
        ['slash', 'Archive/A\\/B', 'archive'],
        ['inbox', 'Inbox', undefined],
        ['projects', 'Inbox/Projects', 'inbox'],
        ['y2019', 'Inbox/Projects/2019', 'projects'],
      ]);
      expect(folders.find((f) => f.id === 'inbox')).toMatchObject({
        wellKnownName: 'inbox',
        firstSeen: T0,
        lastSeen: T0,
      });
      expect(folders.find((f) => f.id === 'projects')).toMatchObject({ liveItems: 1, deletedItems: 0 });
    });

    it('moves the paths of a renamed or moved folder’s subtree and of its items, live and deleted', async () => {
      await seedTree(store, scope);
      await store.applyItemChanges(
        scope,
        'y2019',
        [
          { kind: 'upsert', item: message('live', 'y2019') },
          { kind: 'upsert', item: message('gone', 'y2019') },
        ],
        run('r1', T1),
      );
      await store.applyItemChanges(scope, 'y2019', [{ kind: 'deleted', id: 'gone' }], run('r1', T1));
      await store.applyFolderChanges(scope, [folder('projects', 'Work', 'archive')], T2);
      const paths = Object.fromEntries((await store.folders(scope)).map((f) => [f.id, f.path]));
      expect(paths).toMatchObject({ projects: 'Archive/Work', y2019: 'Archive/Work/2019', inbox: 'Inbox' });
      const items = await store.items(scope);
      expect(items.map((i) => [i.id, i.folderPath]).sort()).toEqual([
        ['gone', 'Archive/Work/2019'],
        ['live', 'Archive/Work/2019'],
      ]);
      expect((await store.folders(scope)).find((f) => f.id === 'projects')).toMatchObject({
        lastSeen: T2,
        firstSeen: T0,
      });
    });

    it('marks a deleted folder and its subtree deleted with their messages, kept at their last known place, and revives it', async () => {
      await seedTree(store, scope);
      await store.applyItemChanges(
        scope,
        'y2019',
        [{ kind: 'upsert', item: message('m1', 'y2019') }],
        run('r1', T1),
      );
      await store.applyFolderChanges(scope, [{ kind: 'deleted', id: 'projects' }], T2);
      const folders = await store.folders(scope);
      expect(folders.filter((f) => f.deletedAt).map((f) => [f.id, f.deletedAt])).toEqual([
        ['projects', T2],
        ['y2019', T2],
      ]);
      expect(folders.find((f) => f.id === 'inbox')?.deletedAt).toBeUndefined();
      // Its messages left Exchange with it, and stay at their last known place.
      expect((await store.items(scope)).map((i) => [i.folderPath, i.deletedAt])).toEqual([
        ['Inbox/Projects/2019', T2],
      ]);
      expect(folders.find((f) => f.id === 'y2019')).toMatchObject({ liveItems: 0, deletedItems: 1 });
      await store.applyFolderChanges(scope, [{ kind: 'deleted', id: 'inbox' }], T3);
      expect((await store.folders(scope)).find((f) => f.id === 'y2019')?.deletedAt).toBe(T2);
      await store.applyFolderChanges(scope, [folder('inbox', 'Inbox', 'root', 'inbox')], T3);
      expect((await store.folders(scope)).find((f) => f.id === 'inbox')?.deletedAt).toBeUndefined();
    });

    it('sweeps folders not seen since a full hierarchy round', async () => {
      await seedTree(store, scope);
      await store.applyItemChanges(
        scope,
        'y2019',
        [{ kind: 'upsert', item: message('m1', 'y2019') }],
        run('r1', T1),
      );
      await store.applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'upsert', item: message('m2', 'inbox') }],
        run('r1', T1),
      );
      await store.applyFolderChanges(
        scope,
        [folder('inbox', 'Inbox', 'root', 'inbox'), folder('archive', 'Archive')],
        T2,
      );
      expect(await store.sweepFolders(scope, T2, T3)).toBe(2);
      const deleted = (await store.folders(scope)).filter((f) => f.deletedAt === T3).map((f) => f.id);
      expect(deleted.sort()).toEqual(['projects', 'y2019']);
      expect((await store.items(scope)).map((i) => [i.id, i.deletedAt ?? null]).sort()).toEqual([
        ['m1', T3],
        ['m2', null],
      ]);
      expect(await store.sweepFolders(scope, T2, T3)).toBe(0);
    });

    it('stores, updates and reads back every field of a message', async () => {
      await seedTree(store, scope);
      const item = message('m1', 'inbox', {
        categories: ['Red', 'Blue'],
        hasAttachments: true,
        flagStatus: 'flagged',
        sensitivity: 'confidential',
        itemClass: 'IPM.Note.EnterpriseVault.Shortcut',
        size: 2_000_000_000,
      });
      expect(await store.applyItemChanges(scope, 'inbox', [{ kind: 'upsert', item }], run('r1', T1))).toEqual(
        {
          stored: 1,
          updated: 0,
          moved: 0,
          deleted: 0,
          purged: 0,
        },
      );
      const { folderId: _folderId, ...fields } = item;
      expect(await store.items(scope)).toEqual([
        {
          ...fields,
          folderId: 'inbox',
          folderPath: 'Inbox',
          firstSeen: T1,
          lastSeen: T1,
          previousLocations: [],
        },
      ]);
      const changed = { ...item, subject: 'Renamed', from: { address: 'bob@contoso.com' } };
      delete (changed as { receivedAt?: string }).receivedAt;
      expect(
        await store.applyItemChanges(scope, 'inbox', [{ kind: 'upsert', item: changed }], run('r2', T2)),
      ).toMatchObject({ updated: 1, stored: 0 });
      await store.applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'read-flag', id: 'm1', isRead: true }],
        run('r3', T3),
      );
      const [row] = await store.items(scope);
      expect(row).toMatchObject({
        subject: 'Renamed',
        from: { address: 'bob@contoso.com' },
        isRead: true,
        firstSeen: T1,
        lastSeen: T3,
      });
      expect(row?.from?.name).toBeUndefined();
      expect(row?.receivedAt).toBeUndefined();
    });

    it('marks a message deleted only from its current folder, and purges it with its history', async () => {
      await seedTree(store, scope);
      await store.applyItemChanges(
        scope,
        'inbox',
        [
          { kind: 'upsert', item: message('m1', 'inbox') },
          { kind: 'upsert', item: message('m2', 'inbox') },
        ],
        run('r1', T1),
      );
      expect(
        await store.applyItemChanges(scope, 'archive', [{ kind: 'deleted', id: 'm1' }], run('r2', T2)),
      ).toMatchObject({ deleted: 0 });
      expect(
        await store.applyItemChanges(
          scope,
          'inbox',
          [
            { kind: 'deleted', id: 'm1' },
            { kind: 'deleted', id: 'nobody' },
          ],
          run('r2', T2),
        ),
      ).toMatchObject({ deleted: 1 });
      expect(await store.itemCount(scope)).toBe(2);
      expect(await store.itemCount(scope, { deleted: true })).toBe(1);
      expect(await store.itemCount(scope, { deleted: false })).toBe(1);
      expect(
        (await store.items(scope, { deleted: true })).map((i) => [i.id, i.deletedAt, i.folderPath]),
      ).toEqual([['m1', T2, 'Inbox']]);
      expect((await store.folders(scope)).find((f) => f.id === 'inbox')).toMatchObject({
        liveItems: 1,
        deletedItems: 1,
      });
      // A Graph move leaves history; purging removes row and history.
      await store.applyItemChanges(
        scope,
        'archive',
        [{ kind: 'upsert', item: message('m2', 'archive') }],
        run('r3', T3),
      );
      expect(
        await store.applyItemChanges(scope, 'archive', [{ kind: 'purge', id: 'm2' }], run('r3', T3)),
      ).toMatchObject({ purged: 1 });
      expect((await store.items(scope)).map((i) => i.id)).toEqual(['m1']);
      await store.applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'upsert', item: message('m2', 'inbox') }],
        run('r4', T3),
      );
      expect(
        (await store.items(scope, { folderPath: 'Inbox', deleted: false }))[0]?.previousLocations,
      ).toEqual([]);
    });

    it('lists a folder’s messages newest received first, with a limit and a deleted filter', async () => {
      await seedTree(store, scope);
      const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
      await store.applyItemChanges(
        scope,
        'inbox',
        [1, 5, 3, 4].map((d) => ({
          kind: 'upsert' as const,
          item: message(`i${d}`, 'inbox', { receivedAt: at(d) }),
        })),
        run('r1', T1),
      );
      await store.applyItemChanges(
        scope,
        'y2019',
        [{ kind: 'upsert', item: message('deep', 'y2019', { receivedAt: at(9) }) }],
        run('r1', T1),
      );
      await store.applyItemChanges(scope, 'inbox', [{ kind: 'deleted', id: 'i4' }], run('r1', T1));
      expect((await store.items(scope, { folderPath: 'Inbox' })).map((i) => i.id)).toEqual([
        'i5',
        'i4',
        'i3',
        'i1',
      ]);
      expect((await store.items(scope, { folderPath: 'Inbox', limit: 2 })).map((i) => i.id)).toEqual([
        'i5',
        'i4',
      ]);
      expect((await store.items(scope, { folderPath: 'Inbox', deleted: false })).map((i) => i.id)).toEqual([
        'i5',
        'i3',
        'i1',
      ]);
      expect((await store.items(scope, { limit: 2 })).map((i) => i.id)).toEqual(['deep', 'i5']);
      expect(await store.items(scope, { folderPath: 'Nowhere' })).toEqual([]);
    });

    it('sweeps a folder’s messages not seen since a full resync, and drops a folder subtree’s messages', async () => {
      await seedTree(store, scope);
      await store.applyItemChanges(
        scope,
        'inbox',
        [
          { kind: 'upsert', item: message('a', 'inbox') },
          { kind: 'upsert', item: message('b', 'inbox') },
        ],
        run('r1', T1),
      );
      await store.applyItemChanges(
        scope,
        'y2019',
        [{ kind: 'upsert', item: message('c', 'y2019') }],
        run('r1', T1),
      );
      await store.applyItemChanges(
        scope,
        'archive',
        [{ kind: 'upsert', item: message('d', 'archive') }],
        run('r1', T1),
      );
      await store.applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'upsert', item: message('a', 'inbox') }],
        run('r2', T2),
      );
      expect(await store.sweepFolderItems(scope, 'inbox', T2, T3)).toBe(1);
      expect((await store.items(scope, { deleted: true })).map((i) => [i.id, i.deletedAt])).toEqual([
        ['b', T3],
      ]);
      expect(await store.dropFolderItems(scope, ['inbox'])).toBe(3);
      expect((await store.items(scope)).map((i) => i.id)).toEqual(['d']);
    });

    describeItemMoves(() => store, scope);
    describeCalendarReplica(() => store, scope);

    it('drops everything of a task, for all its mailboxes, and nothing of another task', async () => {
      const other: ReplicaScope = { taskId: 'task-1', mailbox: 'bob@contoso.com' };
      const otherTask: ReplicaScope = { taskId: 'task-2', mailbox: scope.mailbox };
      for (const s of [scope, other, otherTask]) {
        await seedTree(store, s);
        await store.applyItemChanges(
          s,
          'inbox',
          [{ kind: 'upsert', item: message('m1', 'inbox') }],
          run('r1', T1),
        );
      }
      await store.dropTask('task-1');
      expect(await store.folders(scope)).toEqual([]);
      expect(await store.itemCount(other)).toBe(0);
      expect(await store.itemCount(otherTask)).toBe(1);
      expect(await store.folders(otherTask)).toHaveLength(4);
    });

    it('keeps namespaces apart and shares one namespace between two connections', async () => {
      await seedTree(store, scope);
      await store.applyItemChanges(
        scope,
        'inbox',
        [{ kind: 'upsert', item: message('m1', 'inbox') }],
        run('r1', T1),
      );
      const stranger = await open(freshNamespace('rep'));
      const twin = await open(namespace);
      try {
        expect(await stranger.itemCount(scope)).toBe(0);
        expect(await stranger.folders(scope)).toEqual([]);
        expect(await twin.itemCount(scope)).toBe(1);
        await twin.applyItemChanges(
          scope,
          'inbox',
          [{ kind: 'upsert', item: message('m2', 'inbox') }],
          run('r1', T1),
        );
        expect(await store.itemCount(scope)).toBe(2);
      } finally {
        await stranger.close();
        await twin.close();
      }
    });
  });
}
