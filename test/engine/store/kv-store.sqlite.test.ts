import { openStore } from '../../../engine/adapters/store/open-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { describeKvStoreContract } from './kv-store.contract.ts';

const dataDir = tempDir();
describeKvStoreContract('SQLite (a real file)', (namespace) => openStore({ dataDir, namespace }));
