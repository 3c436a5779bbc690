/**
 * The refusals of samba-ad-up.sh and samba-ad-down.sh. Starting and stopping a DC for real is what the
 * global setup does for every run (and test/bench/samba-seed.ts times); a second DC cannot run beside it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireLdap } from './directory/require-ldap.ts';

const up = path.join(import.meta.dirname, 'samba-ad-up.sh');
const down = path.join(import.meta.dirname, 'samba-ad-down.sh');

/** Runs a script and resolves with its exit status and stderr, whatever the status. */
function script(file: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', [file, ...args], (error, _stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr });
    });
  });
}

const scratch: string[] = [];
function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'exsync-ad-test-'));
  scratch.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('samba-ad-up.sh', () => {
  it('refuses to start a second DC while one answers on the LDAP ports, and leaves the directory alone', async () => {
    requireLdap(); // the run's DC holds 389 on loopback
    const dir = scratchDir();
    const { code, stderr } = await script(up, dir);
    expect(code).toBe(75);
    expect(stderr).toMatch(/already answers on loopback port 389/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a directory that is not empty', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'keep'), 'x');
    const { code, stderr } = await script(up, dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/is not empty/);
    expect(readdirSync(dir)).toEqual(['keep']);
  });
});

describe('samba-ad-down.sh', () => {
  it('is a no-op for a directory that is already gone, however often it runs', async () => {
    const dir = path.join(scratchDir(), 'gone');
    expect(await script(down, dir)).toEqual({ code: 0, stderr: '' });
    expect(await script(down, dir)).toEqual({ code: 0, stderr: '' });
  });

  it('removes an empty or marked directory but not one samba-ad-up.sh did not create', async () => {
    const foreign = scratchDir();
    writeFileSync(path.join(foreign, 'data'), 'x');
    expect((await script(down, foreign)).code).toBe(1);
    expect(existsSync(path.join(foreign, 'data'))).toBe(true);

    const ours = scratchDir();
    writeFileSync(path.join(ours, '.exsync-samba-ad'), '');
    writeFileSync(path.join(ours, 'samba.pid'), '1'); // pid 1 is no samba: nothing may be signalled
    expect(await script(down, ours)).toEqual({ code: 0, stderr: '' });
    expect(existsSync(ours)).toBe(false);
  });
});
