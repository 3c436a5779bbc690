import { inject } from 'vitest';
import { openStore } from '../../../engine/index.ts';
import { describeServices } from './services.contract.ts';

const url = inject('pgUrl');
describeServices('PostgreSQL', (namespace) => openStore({ dataDir: '/nonexistent', url, namespace }));
