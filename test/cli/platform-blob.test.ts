import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openBlobStore } from '../../engine/adapters/platform/blobs/open-blob-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/exsync.mjs');
const dataDir = tempDir();
const env = { EXSYNC_DATA_DIR: dataDir };
const ABSENT = 'ab'.repeat(32);

/** Like runCli, but keeps stdout as bytes: a blob is binary. */
function runCliForBytes(args: readonly string[], childEnv: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: Buffer; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/root', ...childEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

async function putBlob(bytes: Uint8Array, options: { url?: string } = {}): Promise<string> {
  const store = await openBlobStore({ dataDir, ...options });
  try {
    return (await store.put(bytes)).sha256;
  } finally {
    await store.close();
  }
}

describe('exsync platform blob', () => {
  // Every byte value, \r\n and a NUL among them, plus enough random bytes to need several pipe writes.
  const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(3 << 20)]);
  let sha256 = '';
  beforeAll(async () => {
    sha256 = await putBlob(bytes);
  });

  it('prints the bytes to stdout unchanged', async () => {
    const result = await runCliForBytes(['platform', 'blob', sha256], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.equals(bytes)).toBe(true);
  });

  it('writes them to --out, refuses to overwrite that file without --force, and overwrites with it', async () => {
    const out = path.join(dataDir, 'attachment.bin');
    const first = await runCli(['platform', 'blob', sha256, '--out', out], { env });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`Wrote blob ${sha256} (${bytes.byteLength} bytes) to ${out}.\n`);
    expect((await readFile(out)).equals(bytes)).toBe(true);

    await writeFile(out, 'keep me');
    const refused = await runCli(['platform', 'blob', sha256, '--out', out], { env });
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: `exsync: --out: ${out} already exists; pass --force to overwrite it\n`,
    });
    expect(await readFile(out, 'utf8')).toBe('keep me');

    const forced = await runCli(['--json', 'platform', 'blob', sha256, '--out', out, '--force'], { env });
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ sha256, size: bytes.byteLength, file: out });
    expect((await readFile(out)).equals(bytes)).toBe(true);
  });

  it('says in one line that an unknown blob does not exist, and exits 2 like other unknown names', async () => {
    const result = await runCli(['platform', 'blob', ABSENT], { env });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `exsync: blob "${ABSENT}" does not exist in file://${path.join(path.resolve(dataDir), 'blobs')}\n`,
    });
  });

  it('refuses a name that is not a SHA-256 with exit 2, quoting it', async () => {
    const result = await runCli(['platform', 'blob', '../../etc/passwd'], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^exsync: sha256: "\.\.\/\.\.\/etc\/passwd" is not a blob name: .*\n$/);
  });

  it('fails (exit 1) with one line naming a corrupted blob, and prints none of its bytes', async () => {
    const damaged = await putBlob(randomBytes(2000));
    const file = await open(
      path.join(dataDir, 'blobs', damaged.slice(0, 2), damaged.slice(2, 4), damaged),
      'r+',
    );
    await file.write(Buffer.from('X'), 0, 1, 100);
    await file.close();
    const result = await runCliForBytes(['platform', 'blob', damaged], env);
    expect(result.code).toBe(1);
    expect(result.stdout.byteLength).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^exsync: blob ${damaged} in file://\\S+ is corrupted: .*\\n$`));
  });

  it('reads the blobs of a PostgreSQL store when EXSYNC_STORE_URL names one', async () => {
    const url = inject('pgUrl');
    const onPostgres = randomBytes(50_000);
    const name = await putBlob(onPostgres, { url });
    const result = await runCliForBytes(['platform', 'blob', name], { ...env, EXSYNC_STORE_URL: url });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.equals(onPostgres)).toBe(true);
    const absent = await runCli(['platform', 'blob', ABSENT], { env: { ...env, EXSYNC_STORE_URL: url } });
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(new RegExp(`^exsync: blob "${ABSENT}" does not exist in postgres://`));
  });
});
