import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { freePort } from '../helpers/free-port.ts';

const run = promisify(execFile);
const infra = path.resolve(import.meta.dirname, '../infra');

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the real PostgreSQL server the store contract suite runs against. */
    pgUrl: string;
  }
}

/**
 * Starts a throw-away PostgreSQL on loopback for the whole test run, unless EXSYNC_TEST_PG_URL names
 * one already running. A missing PostgreSQL fails the run: the contract suite is never skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['EXSYNC_TEST_PG_URL'];
  if (given) {
    project.provide('pgUrl', given);
    return async () => {};
  }
  const parent = mkdtempSync(path.join(tmpdir(), 'exsync-pg-'));
  // The server runs as the unprivileged 'postgres' account, which must be able to reach its directory.
  chmodSync(parent, 0o755);
  const dir = path.join(parent, 'pg');
  const port = await freePort();
  const { stdout } = await run('bash', [path.join(infra, 'postgres-up.sh'), dir, String(port)]).catch(
    (error: { stderr?: string }) => {
      throw new Error(
        `could not start PostgreSQL for the store tests: ${error.stderr ?? JSON.stringify(error)}`,
      );
    },
  );
  project.provide('pgUrl', stdout.trim());
  return async () => {
    await run('bash', [path.join(infra, 'postgres-down.sh'), dir]);
    rmSync(parent, { recursive: true, force: true });
  };
}
