import { openStore } from '../../../engine/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { describeServices } from './services.contract.ts';

const dataDir = tempDir();
describeServices('SQLite', (namespace) => openStore({ dataDir, namespace }));
