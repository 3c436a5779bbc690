import { inject } from 'vitest';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import { describeKvStoreContract } from './kv-store.contract.ts';

const url = inject('pgUrl');
describeKvStoreContract('PostgreSQL (a real server on loopback)', (namespace) =>
  openStore({ dataDir: '/nonexistent', url, namespace }),
);
