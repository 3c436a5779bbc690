/**
 * Benchmark: a "Lookup from AD" typeahead query against a site's group catalog of 50,000 groups in a
 * real SQLite store, sharded (a range read of the term index) versus the single-key catalog of earlier
 * versions (the whole catalog read, parsed and ranked on every keystroke), in the same run:
 *   npx tsx test/bench/group-catalog-lookup.ts [--groups 50000] [--repeat 15]
 * Prints JSON: per query the median time and the bytes read from the store (the stored text of every
 * value returned, counted by a wrapper around the store), and whether both answered the same. The bound:
 * the sharded lookups must take at most 1/20 of the time of the single-key ones (exit code 1 otherwise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  legacyGroupCatalogKey,
  publishGroupCatalog,
  searchGroupCatalog,
} from '../../engine/adapters/directory/index.ts';
import { openStore } from '../../engine/adapters/store/open-store.ts';
import type { DirectoryGroup } from '../../engine/ports/directory.ts';
import type { KvStore, StoredValue } from '../../engine/ports/kv-store.ts';

const { values: args } = parseArgs({
  options: { groups: { type: 'string', default: '50000' }, repeat: { type: 'string', default: '15' } },
});
const groupCount = Number(args.groups);
const repeat = Number(args.repeat);
const REQUIRED_SPEEDUP = 20;

const DEPARTMENTS = ['Sales', 'Finance', 'HR', 'IT', 'Marketing', 'Legal', 'Support', 'Engineering'];
const REGIONS = ['EMEA', 'APAC', 'US', 'LATAM', 'Nordics', 'DACH'];
const KINDS = ['Team', 'Project', 'Distribution', 'Access'];

/** Synthetic groups shaped like an enterprise directory's: names, mail on most, account names on all. */
function syntheticGroups(n: number): DirectoryGroup[] {
  return Array.from({ length: n }, (_, i) => {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const region = REGIONS[Math.floor(i / DEPARTMENTS.length) % REGIONS.length]!;
    const kind = KINDS[Math.floor(i / (DEPARTMENTS.length * REGIONS.length)) % KINDS.length]!;
    const name = `${dept} ${region} ${kind} ${i}`;
    const account = `grp-${dept}-${region}-${i}`.toLowerCase();
    return {
      dn: `CN=${name},OU=${dept},OU=Groups,DC=contoso,DC=com`,
      name,
      kind: i % 3 === 0 ? 'security' : 'distribution',
      ...(i % 5 < 3 ? { mail: `${account}@contoso.com` } : {}),
      accountName: account,
      memberCount: (i * 7919) % 400,
    };
  });
}

/** Counts what the store hands back: the stored (serialised) text of every value read. */
function counting(store: KvStore): { store: KvStore; read: { bytes: number; values: number } } {
  const read = { bytes: 0, values: 0 };
  const tally = <T>(entries: StoredValue<T>[]) => {
    for (const entry of entries) {
      read.bytes += Buffer.byteLength(entry.revision);
      read.values++;
    }
    return entries;
  };
  const wrapped: KvStore = {
    location: store.location,
    get: async (key) => {
      const entry = await store.get(key);
      if (entry) tally([entry]);
      return entry as never;
    },
    list: async (prefix, options) => tally(await store.list(prefix, options)) as never,
    count: (prefix) => store.count(prefix),
    set: (key, value) => store.set(key, value),
    createIfAbsent: (key, value) => store.createIfAbsent(key, value),
    replaceIf: (key, revision, value) => store.replaceIf(key, revision, value),
    deleteIf: (key, revision) => store.deleteIf(key, revision),
    delete: (key) => store.delete(key),
    close: () => store.close(),
  };
  return { store: wrapped, read };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const dir = mkdtempSync(path.join(tmpdir(), 'exsync-bench-catalog-'));
const raw = await openStore({ dataDir: dir });
try {
  const groups = syntheticGroups(groupCount);
  let started = performance.now();
  const published = await publishGroupCatalog({
    site: 'sharded',
    directory: { listGroups: () => Promise.resolve(groups) },
    store: raw,
  });
  const publishMs = Math.round(performance.now() - started);
  const shardedKeys = await raw.count('runtime:sharded:group-catalog');
  started = performance.now();
  const single = {
    site: 'single',
    publishedAt: published.publishedAt,
    elapsedMs: 0,
    groups: [...groups].sort((a, b) => a.name.localeCompare(b.name)),
  };
  await raw.set(legacyGroupCatalogKey('single'), single);
  const singleWriteMs = Math.round(performance.now() - started);

  const { store, read } = counting(raw);
  const measure = async (site: string, query: string) => {
    const times: number[] = [];
    let bytes = 0;
    let answer: string[] = [];
    for (let r = 0; r < repeat; r++) {
      const before = read.bytes;
      const t = performance.now();
      const found = await searchGroupCatalog(store, site, query);
      times.push(performance.now() - t);
      bytes = read.bytes - before;
      answer = found.groups.map((g) => g.dn);
    }
    return { ms: median(times), bytes, answer };
  };

  const queries = [
    'fin',
    'Sales EMEA',
    'grp-it-apac-4',
    'marketing latam access 4',
    'legal@',
    'hr d',
    'zz-none',
    's',
  ];
  const results = [];
  let shardedTotal = 0;
  let singleTotal = 0;
  for (const query of queries) {
    const sharded = await measure('sharded', query);
    const old = await measure('single', query);
    shardedTotal += sharded.ms;
    singleTotal += old.ms;
    results.push({
      query,
      matches: sharded.answer.length,
      sameAnswer: JSON.stringify(sharded.answer) === JSON.stringify(old.answer),
      sharded: { ms: Number(sharded.ms.toFixed(3)), bytesRead: sharded.bytes },
      singleKey: { ms: Number(old.ms.toFixed(3)), bytesRead: old.bytes },
      speedup: Number((old.ms / sharded.ms).toFixed(1)),
    });
  }
  const speedup = singleTotal / shardedTotal;
  const met = speedup >= REQUIRED_SPEEDUP;
  console.log(
    JSON.stringify(
      {
        groups: groupCount,
        repeat,
        publish: { shardedMs: publishMs, shardedKeys, singleKeyWriteMs: singleWriteMs },
        singleKeyBytes: Buffer.byteLength(JSON.stringify(single)),
        lookups: results,
        total: {
          shardedMs: Number(shardedTotal.toFixed(3)),
          singleKeyMs: Number(singleTotal.toFixed(3)),
          speedup: Number(speedup.toFixed(1)),
        },
        bound: { requiredSpeedup: REQUIRED_SPEEDUP, met },
      },
      null,
      2,
    ),
  );
  if (!met) process.exitCode = 1;
} finally {
  await raw.close();
  rmSync(dir, { recursive: true, force: true });
}
