#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx's loader, so the same sources serve the
// tests, the worker threads and the installed command without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
