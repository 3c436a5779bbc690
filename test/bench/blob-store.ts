/**
 * Blob store throughput: put then get N blobs of S bytes (default 1,000 × 100 KB) on both adapters,
 * then put them all again (each is already there, so nothing is written); reads are the best of three
 * rounds. Prints JSON.
 *   npx tsx test/bench/blob-store.ts [count=1000] [kilobytes=100]
 * PostgreSQL: the server EXSYNC_TEST_PG_URL names, else a throw-away one started like the tests'
 * (test/infra/postgres-up.sh: fsync off, so its numbers are an upper bound for a real server).
 * The bound measured in the same run is the same bytes with no care at all: plain writeFile/readFile
 * (no fsync, no link, no hashing) for files, a plain INSERT/SELECT into a table of the same shape for
 * PostgreSQL. `vsBound` is how much longer the blob store took: the price of durability and checks.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openBlobStore } from '../../engine/adapters/platform/blobs/open-blob-store.ts';
import type { BlobStore } from '../../engine/ports/blob-store.ts';
import { freePort } from '../helpers/free-port.ts';

const run = promisify(execFile);
const count = Number(process.argv[2] ?? 1000);
const size = Number(process.argv[3] ?? 100) * 1024;
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(size) || size < 1)
  throw new Error('usage: blob-store.ts [count] [kilobytes]');

const blobs = Array.from({ length: count }, () => randomBytes(size));
const megabytes = (count * size) / (1 << 20);
const dir = mkdtempSync(path.join(tmpdir(), 'exsync-bench-blobs-'));
// A throw-away server runs as the unprivileged 'postgres' account, which must reach its folder in here.
chmodSync(dir, 0o755);

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const rate = (ms: number) => ({
  ms: Math.round(ms),
  blobsPerSecond: Math.round((count / ms) * 1000),
  megabytesPerSecond: Math.round((megabytes / ms) * 1000 * 10) / 10,
});

async function measure(store: BlobStore, bound: { write: () => Promise<void>; read: () => Promise<void> }) {
  const names: string[] = [];
  const put = await timed(async () => {
    for (const bytes of blobs) names.push((await store.put(bytes)).sha256);
  });
  const putAgain = await timed(async () => {
    for (const bytes of blobs) if ((await store.put(bytes)).created) throw new Error('stored twice');
  });
  const boundWrite = await timed(bound.write);
  // Reads can be repeated: best of three, alternating, so a busy moment of the machine does not decide.
  let get = Infinity;
  let boundRead = Infinity;
  for (let round = 0; round < 3; round++) {
    get = Math.min(
      get,
      await timed(async () => {
        for (const name of names) if (!(await store.get(name))) throw new Error(`lost ${name}`);
      }),
    );
    boundRead = Math.min(boundRead, await timed(bound.read));
  }
  return {
    location: store.location,
    put: { ...rate(put), vsBound: Math.round((put / boundWrite) * 10) / 10 },
    get: { ...rate(get), vsBound: Math.round((get / boundRead) * 10) / 10 },
    putExisting: rate(putAgain),
    bound: { write: rate(boundWrite), read: rate(boundRead) },
  };
}

async function filesResult() {
  const store = await openBlobStore({ dataDir: path.join(dir, 'data') });
  const plain = path.join(dir, 'plain');
  await mkdir(plain);
  try {
    return await measure(store, {
      write: async () => {
        for (const [i, bytes] of blobs.entries()) await writeFile(path.join(plain, String(i)), bytes);
      },
      read: async () => {
        for (let i = 0; i < count; i++) await readFile(path.join(plain, String(i)));
      },
    });
  } finally {
    await store.close();
  }
}

async function postgresResult(url: string) {
  const namespace = `bench${randomUUID().slice(0, 8)}`;
  const store = await openBlobStore({ dataDir: dir, url, namespace });
  const plain = new pg.Pool({ connectionString: url, max: 1 });
  const table = `bench_plain_${namespace}`;
  await plain.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, bytes bytea NOT NULL)`);
  try {
    return await measure(store, {
      write: async () => {
        for (const [i, bytes] of blobs.entries())
          await plain.query(`INSERT INTO ${table} VALUES ($1, $2)`, [i, bytes]);
      },
      read: async () => {
        for (let i = 0; i < count; i++) await plain.query(`SELECT bytes FROM ${table} WHERE id = $1`, [i]);
      },
    });
  } finally {
    await plain.query(`DROP TABLE ${table}`);
    await plain.query('DELETE FROM platform_blobs WHERE namespace = $1', [namespace]);
    await Promise.all([plain.end(), store.close()]);
  }
}

const infra = path.resolve(import.meta.dirname, '../infra');
const given = process.env['EXSYNC_TEST_PG_URL'];
const pgDir = path.join(dir, 'pg');
let url = given;
if (!url) {
  const { stdout } = await run('bash', [path.join(infra, 'postgres-up.sh'), pgDir, String(await freePort())]);
  url = stdout.trim();
}
try {
  const files = await filesResult();
  const postgres = await postgresResult(url);
  const result = {
    blobs: count,
    bytesEach: size,
    megabytes,
    postgresServer: given ? 'EXSYNC_TEST_PG_URL' : 'throw-away, fsync off',
    files,
    postgres,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  if (!given) await run('bash', [path.join(infra, 'postgres-down.sh'), pgDir]);
  rmSync(dir, { recursive: true, force: true });
}
