/**
 * A separate process that puts one blob, for the contract's race between processes. Started with
 * `node --import tsx blob-store.put-in-process.ts '<StoreOptions JSON>' <file of bytes>`: it opens the
 * store, prints "ready", waits for one line on stdin (so every racer starts its put at the same moment),
 * puts the file's bytes and prints the StoredBlob as JSON.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { openBlobStore } from '../../../engine/adapters/platform/blobs/open-blob-store.ts';

const [optionsJson, bytesFile] = process.argv.slice(2);
if (!optionsJson || !bytesFile) throw new Error('usage: blob-store.put-in-process.ts <options> <file>');
const bytes = await readFile(bytesFile);
const store = await openBlobStore(JSON.parse(optionsJson) as { dataDir: string });
await store.has('0'.repeat(64)); // connect (and create the table) before the start line
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const _line of lines) break;
const stored = await store.put(bytes);
process.stdout.write(`${JSON.stringify(stored)}\n`);
await store.close();
