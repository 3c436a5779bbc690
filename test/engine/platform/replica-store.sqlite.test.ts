import { expect, it } from 'vitest';
import { openReplicaStore } from '../../../engine/adapters/platform/replica/open-replica-store.ts';
import { freshNamespace } from '../../helpers/store-backends.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { describeReplicaStore } from './replica-store.contract.ts';
import { T1, message, run, seedTree } from './replica-store.fixtures.ts';

const dataDir = tempDir();
describeReplicaStore('SQLite (a real file)', (namespace) => openReplicaStore({ dataDir, namespace }));

// Six connections in one process: more than libuv's four pool threads, on which node-sqlite3 runs
// statements, so a connection waiting for the write lock inside SQLite would starve the one holding it.
it('creates its tables once when six connections of one process open a new file at the same moment', async () => {
  const fresh = tempDir();
  const namespace = freshNamespace('rep');
  const stores = await Promise.all(
    [1, 2, 3, 4, 5, 6].map(() => openReplicaStore({ dataDir: fresh, namespace })),
  );
  const scope = { taskId: 't', mailbox: 'm@contoso.com' };
  try {
    await seedTree(stores[0]!, scope);
    await stores[1]!.applyItemChanges(
      scope,
      'inbox',
      [{ kind: 'upsert', item: message('x', 'inbox') }],
      run('r', T1),
    );
    expect(await stores[2]!.itemCount(scope)).toBe(1);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});
