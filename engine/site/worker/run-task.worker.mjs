// Bree starts this file in a worker thread. Worker threads on Node 20 cannot load .ts through
// execArgv in an ESM package, so register tsx's loader here and hand over to the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./run-task-entry.ts');
