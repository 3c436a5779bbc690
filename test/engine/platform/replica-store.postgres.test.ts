import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { openReplicaStore } from '../../../engine/adapters/platform/replica/open-replica-store.ts';
import { freshNamespace } from '../../helpers/store-backends.ts';
import { describeReplicaStore } from './replica-store.contract.ts';
import { T1, message, run, seedTree } from './replica-store.fixtures.ts';

const url = inject('pgUrl');
describeReplicaStore('PostgreSQL (a real server on loopback)', (namespace) =>
  openReplicaStore({ dataDir: '/nonexistent', url, namespace }),
);

it('creates its tables once when several processes open a new database at the same moment', async () => {
  const database = `replica_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const fresh = new URL(url);
  fresh.pathname = `/${database}`;
  const namespace = freshNamespace('rep');
  const stores = await Promise.all(
    [1, 2, 3, 4].map(() => openReplicaStore({ dataDir: '/nonexistent', url: fresh.toString(), namespace })),
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
    await admin.query(`DROP DATABASE ${database}`);
    await admin.end();
  }
});
