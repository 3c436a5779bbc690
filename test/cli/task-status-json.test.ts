import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices, openStore } from '../../engine/index.ts';
import { ADMIN, eventually, seedTask, writeSiteConfig } from '../engine/site/fixtures/site-harness.ts';
import { SiteProcesses } from '../engine/site/fixtures/site-processes.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const README = path.resolve(import.meta.dirname, '../../README.md');
const dataDir = tempDir();
const sites = new SiteProcesses();
afterAll(() => sites.killAll());

type Json = Record<string, unknown>;
interface Field {
  readonly path: string;
  readonly optional: boolean;
  readonly historyOnly: boolean;
}

/** The two field tables of README's "`exsync task status <task> --json`" section, and its example. */
function documented(): { status: Field[]; run: Field[]; example: Json } {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('### `exsync task status <task> --json`');
  expect(start).toBeGreaterThan(0);
  const section = text.slice(start, text.indexOf('\n## ', start));
  const [statusPart = '', runPart = ''] = section.split('\nA run (');
  const rows = (part: string): Field[] =>
    [...part.matchAll(/^\| `([^`]+)` \| ([^|]+) \| ([^\n]+) \|$/gm)].map((m) => ({
      path: m[1] ?? '',
      optional: (m[2] ?? '').trim().endsWith('?'),
      historyOnly: (m[3] ?? '').startsWith('`history` only'),
    }));
  const example = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
  expect(example).toBeDefined();
  return {
    status: rows(statusPart),
    run: rows(runPart.split('```json')[0] ?? ''),
    example: JSON.parse(example ?? '') as Json,
  };
}

/** Every field path of a status as the README tables name them (`mailboxes.<address>.state`, `counts.total`). */
function fieldPaths(status: Json): {
  status: Set<string>;
  runs: { kind: 'run' | 'history'; paths: Set<string> }[];
} {
  const top = new Set<string>();
  const runs: { kind: 'run' | 'history'; paths: Set<string> }[] = [];
  const runPaths = (run: Json) =>
    new Set(
      Object.entries(run).flatMap(([k, v]) =>
        k === 'counts' ? Object.keys(v as Json).map((c) => `counts.${c}`) : [k],
      ),
    );
  for (const [key, value] of Object.entries(status)) {
    top.add(key);
    if (key === 'currentRun' || key === 'lastRun') runs.push({ kind: 'run', paths: runPaths(value as Json) });
    if (key === 'history')
      for (const r of value as Json[]) runs.push({ kind: 'history', paths: runPaths(r) });
    if (key === 'site') for (const k of Object.keys(value as Json)) top.add(`site.${k}`);
    if (key === 'selection') for (const k of Object.keys(value as Json)) top.add(`selection.${k}`);
    if (key === 'mailboxes')
      for (const m of Object.values(value as Json))
        for (const k of Object.keys(m as Json)) top.add(`mailboxes.<address>.${k}`);
    if (key === 'skippedFirings')
      for (const f of value as Json[]) for (const k of Object.keys(f)) top.add(`skippedFirings[].${k}`);
  }
  return { status: top, runs };
}

/** What README says must match what was printed: nothing undocumented, nothing required missing. */
function expectDocumented(status: Json): void {
  const docs = documented();
  const actual = fieldPaths(status);
  const parentPresent = (p: string) => {
    const parent = p.replace(/(\.|\[\]\.)[^.]+$/, '').replace(/\.<address>$/, '');
    return (
      parent === p ||
      (actual.status.has(parent) &&
        (parent !== 'mailboxes' || Object.keys(status['mailboxes'] as Json).length > 0))
    );
  };
  expect([...actual.status].filter((p) => !docs.status.some((f) => f.path === p))).toEqual([]);
  const required = docs.status.filter((f) => !f.optional && parentPresent(f.path)).map((f) => f.path);
  expect(required.filter((p) => !actual.status.has(p))).toEqual([]);
  for (const run of actual.runs) {
    const allowed = docs.run.filter((f) => run.kind === 'history' || !f.historyOnly);
    expect([...run.paths].filter((p) => !allowed.some((f) => f.path === p))).toEqual([]);
    expect(allowed.filter((f) => !f.optional && !run.paths.has(f.path)).map((f) => f.path)).toEqual([]);
  }
}

describe('README documents task status --json as the CLI prints it', () => {
  it(
    'has every printed field in its tables, and every required one printed',
    { timeout: 90_000 },
    async () => {
      const docs = documented();
      expect(docs.status.map((f) => f.path)).toContain('site.health');
      expect(docs.run.map((f) => f.path)).toContain('counts.waiting');
      // The README's own example agrees with its tables.
      expectDocumented(docs.example);

      const store = await openStore({ dataDir });
      const s = createServices(store);
      await seedTask(s, ['slow-1500@contoso.com', 'slow-1501@contoso.com', 'a@contoso.com']);
      const config = writeSiteConfig(dataDir, { maxParallelMailboxes: 1 });
      await sites.start(dataDir, config);
      const env = { EXSYNC_DATA_DIR: dataDir, EXSYNC_ADMIN: ADMIN };
      const status = async () => {
        const r = await runCli(['task', 'status', 'Count folders', '--json'], { env });
        expect(r.code).toBe(0);
        return JSON.parse(r.stdout) as Json;
      };
      // Before any run, during one, and after it: each printed shape is the documented one.
      expectDocumented(await status());
      await runCli(['task', 'run', 'Count folders'], { env });
      expectDocumented(await eventually(async () => ((await status())['currentRun'] ? status() : undefined)));
      const after = await eventually(async () => {
        const st = await status();
        return st['lastRun'] && !st['currentRun'] ? st : undefined;
      });
      expect((after['history'] as Json[]).length).toBe(1);
      expectDocumented(after);
      await store.close();
    },
  );
});
