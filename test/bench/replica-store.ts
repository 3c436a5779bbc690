/**
 * Benchmark: fill the platform replica with M mailboxes × F folders × I items, written in pages of P
 * item changes (the way replication writes), on SQLite and on PostgreSQL, then time the reads the
 * browse commands make on the full replica. Prints JSON.
 *   usage: npx tsx test/bench/replica-store.ts [--mailboxes 100] [--folders 50] [--items 100] [--page 100]
 *          [--backend sqlite|postgres|both]
 * Each read is timed five times on the last mailbox; the median is printed.
 * PostgreSQL: the server EXSYNC_TEST_PG_URL names, or a throw-away one started like the test setup does.
 *
 * The bound measured in the same run: `floorRowsPerSecond`, the rate of inserting the same rows with
 * a plain multi-row INSERT (no reads, no move joining, no history) through the same connection, so
 * `vsFloor` says what the replica's logic costs on top of the database's own write speed.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { openReplicaStore } from '../../engine/adapters/platform/replica/open-replica-store.ts';
import type { StoreOptions } from '../../engine/adapters/store/open-store.ts';
import type { ReplicaItemChange, ReplicaScope, ReplicaStore } from '../../engine/ports/replica-store.ts';
import { freePort } from '../helpers/free-port.ts';
import { message } from '../engine/platform/replica-store.fixtures.ts';
import { openPostgresConnection } from '../../engine/adapters/platform/replica/postgres-connection.ts';
import { placeholders } from '../../engine/adapters/platform/replica/sql-connection.ts';
import { openSqliteConnection } from '../../engine/adapters/platform/replica/sqlite-connection.ts';

const { values: args } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '100' },
    folders: { type: 'string', default: '50' },
    items: { type: 'string', default: '100' },
    page: { type: 'string', default: '100' },
    backend: { type: 'string', default: 'both' },
  },
});
const [mailboxes, folders, itemsPerFolder, pageSize] = [
  args.mailboxes,
  args.folders,
  args.items,
  args.page,
].map((v) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a whole number, got ${v}`);
  return n;
}) as [number, number, number, number];
const run = promisify(execFile);
const since = (start: number) => Math.round((performance.now() - start) * 10) / 10;

async function fill(store: ReplicaStore): Promise<{ rows: number; seconds: number }> {
  const start = performance.now();
  let rows = 0;
  for (let m = 0; m < mailboxes; m++) {
    const scope: ReplicaScope = { taskId: 'bench', mailbox: `user${m}@contoso.com` };
    const tree = Array.from({ length: folders }, (_, f) => ({
      kind: 'created' as const,
      folder: { id: `f${f}`, parentId: f < 10 ? 'root' : `f${f % 10}`, displayName: `Folder ${f}` },
    }));
    await store.applyFolderChanges(scope, tree, new Date().toISOString());
    for (let f = 0; f < folders; f++)
      for (let i = 0; i < itemsPerFolder; i += pageSize) {
        const page: ReplicaItemChange[] = [];
        for (let k = i; k < Math.min(i + pageSize, itemsPerFolder); k++) {
          const received = new Date(Date.UTC(2025, 0, 1) + (f * itemsPerFolder + k) * 60_000).toISOString();
          page.push({
            kind: 'upsert',
            item: message(`m${m}-f${f}-i${k}`, `f${f}`, { receivedAt: received }),
          });
        }
        await store.applyItemChanges(scope, `f${f}`, page, { at: new Date().toISOString(), runId: 'run-1' });
        rows += page.length;
      }
  }
  return { rows, seconds: (performance.now() - start) / 1000 };
}

async function reads(store: ReplicaStore) {
  const scope: ReplicaScope = { taskId: 'bench', mailbox: `user${mailboxes - 1}@contoso.com` };
  /** The median of five runs: the first read after the fill also pays for cold pages and the WAL. */
  const timed = async <T>(work: () => Promise<T>) => {
    const times: number[] = [];
    let result: T | undefined;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      result = await work();
      times.push(since(start));
    }
    return { ms: times.sort((a, b) => a - b)[2] ?? 0, result: result as T };
  };
  const tree = await timed(() => store.folders(scope));
  const deepest = tree.result[tree.result.length - 1]?.path ?? '';
  const latest = await timed(() => store.items(scope, { limit: 100 }));
  const folder = await timed(() => store.items(scope, { folderPath: deepest, limit: 100 }));
  const count = await timed(() => store.itemCount(scope));
  return {
    foldersMs: tree.ms,
    itemsLimit100Ms: latest.ms,
    itemsOfFolderMs: folder.ms,
    itemsOfFolderReturned: folder.result.length,
    itemCountMs: count.ms,
    itemCount: count.result,
  };
}

/** Plain multi-row INSERTs of rows as wide as an item row, one transaction per page, in a scratch table. */
async function measureFloor(options: StoreOptions, rows: number, page: number): Promise<number> {
  const connection = options.url
    ? await openPostgresConnection(options.url)
    : await openSqliteConnection(options.dataDir, 15_000);
  const table = `bench_floor_${Date.now()}`;
  const columns = Array.from({ length: 24 }, (_, i) => `c${i}`);
  try {
    await connection.run(
      `CREATE TABLE ${table} (${columns.map((c) => `${c} TEXT`).join(', ')}, PRIMARY KEY (c0, c1, c2, c3))`,
    );
    const start = performance.now();
    for (let i = 0; i < rows; i += page) {
      const count = Math.min(page, rows - i);
      await connection.transaction((tx) =>
        tx.run(
          `INSERT INTO ${table} VALUES ${Array.from({ length: count }, () => `(${placeholders(columns.length)})`).join(', ')}`,
          Array.from({ length: count }, (_, k) =>
            columns.map((c, j) => (j === 3 ? `row-${i + k}` : `${c}-value-${j}`)),
          ).flat(),
        ),
      );
    }
    return Math.round(rows / ((performance.now() - start) / 1000));
  } finally {
    await connection.run(`DROP TABLE ${table}`).catch(() => undefined);
    await connection.close();
  }
}

async function bench(name: string, options: StoreOptions) {
  const floorRowsPerSecond = await measureFloor(
    options,
    Math.min(20_000, mailboxes * folders * itemsPerFolder),
    pageSize,
  );
  const store = await openReplicaStore(options);
  try {
    const { rows, seconds } = await fill(store);
    const rowsPerSecond = Math.round(rows / seconds);
    return {
      backend: name,
      rows,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond,
      floorRowsPerSecond,
      vsFloor: Math.round((rowsPerSecond / floorRowsPerSecond) * 100) / 100,
      ...(await reads(store)),
    };
  } finally {
    await store.close();
  }
}

async function withPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  const given = process.env['EXSYNC_TEST_PG_URL'];
  if (given) return work(given);
  const parent = mkdtempSync(path.join(tmpdir(), 'exsync-bench-pg-'));
  chmodSync(parent, 0o755);
  const infra = path.resolve(import.meta.dirname, '../infra');
  const dir = path.join(parent, 'pg');
  const { stdout } = await run('bash', [path.join(infra, 'postgres-up.sh'), dir, String(await freePort())]);
  try {
    return await work(stdout.trim());
  } finally {
    await run('bash', [path.join(infra, 'postgres-down.sh'), dir]);
    rmSync(parent, { recursive: true, force: true });
  }
}

const namespace = `bench${Date.now()}`;
const results = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'exsync-bench-replica-'));
try {
  if (args.backend !== 'postgres') results.push(await bench('sqlite', { dataDir, namespace }));
  if (args.backend !== 'sqlite')
    results.push(await withPostgres((url) => bench('postgres', { dataDir, url, namespace })));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.stdout.write(
  `${JSON.stringify({ mailboxes, folders, itemsPerFolder, pageSize, results }, null, 2)}\n`,
);
