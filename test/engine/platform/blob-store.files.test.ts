import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBlobStore } from '../../../engine/adapters/platform/blobs/open-blob-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { pollUntil } from './blob-store.put-processes.ts';
import { describeBlobStoreContract } from './blob-store.contract.ts';

const base = tempDir('exsync-blobs-');
const dataDirOf = (space: string) => path.join(base, space);
const fileOf = (space: string, sha256: string) =>
  path.join(dataDirOf(space), 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

describeBlobStoreContract({
  name: 'files (a real data dir)',
  options: (space) => ({ dataDir: dataDirOf(space) }),
  async corrupt(space, sha256) {
    const file = await open(fileOf(space, sha256), 'r+');
    try {
      const { buffer } = await file.read({ buffer: Buffer.alloc(1), position: 5000 });
      await file.write(Buffer.from([buffer[0]! ^ 0xff]), 0, 1, 5000);
    } finally {
      await file.close();
    }
  },
  async writing(space, sha256) {
    // Any entry in the blob's fan-out directory: the temporary file (or, if the adapter wrote in place, the blob).
    const dir = path.dirname(fileOf(space, sha256));
    await pollUntil(
      async () => (await readdir(dir).catch(() => [])).length > 0,
      'a file in the blob directory',
    );
  },
});

describe('file blob store layout', () => {
  it('keeps a blob at <dataDir>/blobs/ab/cd/<sha256>, leaves no temporary file, and names its place', async () => {
    const dataDir = dataDirOf('layout');
    const store = await openBlobStore({ dataDir });
    const { sha256 } = await store.put(new TextEncoder().encode('hello'));
    expect(await readFile(fileOf('layout', sha256), 'utf8')).toBe('hello');
    expect(await readdir(path.dirname(fileOf('layout', sha256)))).toEqual([sha256]);
    expect(store.location).toBe(`file://${path.join(dataDir, 'blobs')}`);
    await store.close();
  });

  it('refuses a store URL that is not PostgreSQL rather than falling back to files', async () => {
    await expect(openBlobStore({ dataDir: base, url: 'mysql://x@h/db' })).rejects.toThrow(
      'EXSYNC_STORE_URL must be a postgres:// URL',
    );
  });
});
