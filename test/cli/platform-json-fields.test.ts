import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAILBOX, TASK, seedBrowsableReplica } from '../engine/platform/replica-store.cli-seed.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const README = path.resolve(import.meta.dirname, '../../README.md');
const dataDir = tempDir();
type Json = Record<string, unknown>;

interface Field {
  readonly path: string;
  readonly optional: boolean;
  /** Documented as a whole object (recurrence): its inner keys are the protocol's, not listed. */
  readonly opaque: boolean;
}

/** The field table README's "Browsing the replica" gives under "`exsync platform <command> …--json`". */
function documented(command: string): Field[] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('## Browsing the replica');
  expect(start).toBeGreaterThan(0);
  const section = text.slice(start, text.indexOf('\n## ', start + 1));
  const heading = section.indexOf(`\`exsync platform ${command} <task> <mailbox>`);
  expect(heading).toBeGreaterThan(0);
  const table = section.slice(heading).split('\n\n')[1] ?? '';
  return [...table.matchAll(/^\| `([^`]+)` \| ([^|]+) \| [^\n]+ \|$/gm)].map((m) => {
    const type = (m[2] ?? '').trim();
    return { path: m[1] ?? '', optional: type.endsWith('?'), opaque: type.startsWith('object') };
  });
}

/**
 * Every object the output holds, with the path README would name it by (`items[].from`), and the keys
 * it has. Arrays of objects become `[]`; arrays of strings and documented opaque objects are leaves.
 */
function objects(value: unknown, at: string, docs: Field[], out: { at: string; keys: string[] }[] = []) {
  if (Array.isArray(value)) {
    for (const element of value)
      if (element && typeof element === 'object') objects(element, `${at}[]`, docs, out);
    return out;
  }
  if (!value || typeof value !== 'object') return out;
  out.push({ at, keys: Object.keys(value) });
  for (const [key, inner] of Object.entries(value as Json)) {
    const p = at ? `${at}.${key}` : key;
    if (!docs.some((f) => f.path === p && f.opaque)) objects(inner, p, docs, out);
  }
  return out;
}

/** `items[].from.name` → `items[].from`; a top-level field's parent is the output itself (''). */
const parentOf = (p: string) => (p.includes('.') ? p.replace(/\.[^.]+$/, '') : '');

describe('README documents the platform commands’ --json as the CLI prints it', () => {
  beforeAll(() => seedBrowsableReplica(dataDir));

  it.each([
    ['folders', [[]]],
    ['items', [[], ['--deleted'], ['--folder', 'Inbox/Projects/2019']]],
    ['calendar', [[], ['--from', '2026-12-05', '--to', '2027-01-01']]],
  ])(
    '%s: every printed field is in the table, every required one printed, every documented one seen',
    async (command, variants) => {
      const docs = documented(command);
      expect(docs.length).toBeGreaterThan(3);
      const seen = new Set<string>();
      for (const extra of variants) {
        const r = await runCli(['platform', command, TASK, MAILBOX, ...extra, '--json'], {
          env: { EXSYNC_DATA_DIR: dataDir },
        });
        expect(r.code).toBe(0);
        for (const { at, keys } of objects(JSON.parse(r.stdout), '', docs)) {
          const paths = keys.map((k) => (at ? `${at}.${k}` : k));
          paths.forEach((p) => seen.add(p));
          const nested = (p: string) =>
            docs.some((f) => f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[].`));
          // Printed but not documented (a parent object such as `task` is documented through its children).
          expect(paths.filter((p) => !docs.some((f) => f.path === p) && !nested(p))).toEqual([]);
          // Documented as always present under this object, but missing.
          const required = docs.filter((f) => !f.optional && parentOf(f.path) === at && !nested(f.path));
          expect(required.map((f) => f.path).filter((p) => !paths.includes(p))).toEqual([]);
        }
      }
      // Nothing documented that the seeded replica (which has every optional field) never printed.
      expect(docs.map((f) => f.path).filter((p) => !seen.has(p))).toEqual([]);
    },
  );
});
