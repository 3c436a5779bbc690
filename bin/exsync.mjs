#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx's loader, so the same sources serve the
// tests, the worker threads and the installed command without a separate build step.
import { register } from 'tsx/esm/api';

// SQLite statements (keyv's and the replica's) run on libuv's thread pool, which a site's worker
// threads share: a statement waiting for another connection's write lock holds a thread while it
// waits. The default 4 threads can all be taken by waiters while the lock holder needs one to
// finish; more threads make that starvation unlikely. Must be set before the pool first starts.
process.env.UV_THREADPOOL_SIZE ??= '16';
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
