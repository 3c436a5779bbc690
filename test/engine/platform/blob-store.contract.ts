import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../../engine/adapters/platform/blobs/open-blob-store.ts';
import type { StoreOptions } from '../../../engine/adapters/store/open-store.ts';
import { InputError } from '../../../engine/errors/index.ts';
import { SHA256_HEX, type BlobStore } from '../../../engine/ports/blob-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { raceInProcesses, startPutProcess } from './blob-store.put-processes.ts';
import { sha256Of } from './blob-store.sha256.ts';

export interface BlobBackend {
  readonly name: string;
  /** Options for a store; two calls with the same `space` name the same blobs, other spaces are apart. */
  options(space: string): StoreOptions;
  /** Changes one byte of a stored blob behind the store's back (a disk fault, a hand-edited row). */
  corrupt(space: string, sha256: string): Promise<void>;
  /** Resolves once another process is writing a blob's bytes (its file or row is being written). */
  writing(space: string, sha256: string): Promise<void>;
}

/** The BlobStore contract (engine/ports/blob-store.ts), run on files and on PostgreSQL. */
export function describeBlobStoreContract(backend: BlobBackend): void {
  describe(`BlobStore contract on ${backend.name}`, () => {
    const scratch = tempDir('exsync-blob-bytes-');
    const opened: BlobStore[] = [];
    const open = async (space: string) => {
      const store = await openBlobStore(backend.options(space));
      opened.push(store);
      return store;
    };
    const fresh = () => `b${randomUUID().slice(0, 8)}`;
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('round-trips empty, small and 20 MB random bytes under their SHA-256', async () => {
      const store = await open(fresh());
      const samples = [
        new Uint8Array(0),
        new TextEncoder().encode('Grüße \u0000 BEGIN:VCALENDAR'),
        randomBytes(20 << 20),
      ];
      for (const bytes of samples) {
        const stored = await store.put(bytes);
        expect(stored).toEqual({ sha256: sha256Of(bytes), size: bytes.byteLength, created: true });
        expect(stored.sha256).toMatch(SHA256_HEX);
        const read = await store.get(stored.sha256);
        expect(read).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(read!).equals(Buffer.from(bytes))).toBe(true);
      }
      expect(sha256Of(new Uint8Array(0))).toBe(
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      );
    });

    it('stores the same bytes once: a second put creates nothing and returns the same name', async () => {
      const store = await open(fresh());
      const bytes = randomBytes(1000);
      const first = await store.put(bytes);
      const second = await store.put(Uint8Array.from(bytes));
      expect(first.created).toBe(true);
      expect(second).toEqual({ sha256: first.sha256, size: 1000, created: false });
    });

    it('stores bytes given as a view into a larger buffer by exactly those bytes', async () => {
      const store = await open(fresh());
      const whole = randomBytes(300);
      const view = new Uint8Array(whole.buffer, whole.byteOffset + 100, 50);
      const stored = await store.put(view);
      expect(stored.sha256).toBe(sha256Of(whole.subarray(100, 150)));
      expect(Buffer.from((await store.get(stored.sha256))!).equals(whole.subarray(100, 150))).toBe(true);
    });

    it('answers has and get for a blob that is not there, and two stores on one place see each other', async () => {
      const space = fresh();
      const [a, b] = [await open(space), await open(space)];
      const bytes = randomBytes(4096);
      const name = sha256Of(bytes);
      expect(await a.has(name)).toBe(false);
      expect(await a.get(name)).toBeUndefined();
      await a.put(bytes);
      expect(await a.has(name)).toBe(true);
      expect(await b.has(name)).toBe(true);
      expect(Buffer.from((await b.get(name))!).equals(bytes)).toBe(true);
      expect((await b.put(bytes)).created).toBe(false);
    });

    it('makes exactly one blob when several stores put the same bytes at once', async () => {
      const space = fresh();
      const stores = await Promise.all(Array.from({ length: 6 }, () => open(space)));
      const bytes = randomBytes(2 << 20);
      const results = await Promise.all(stores.map((s) => s.put(bytes)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha256Of(bytes)]));
      expect(Buffer.from((await stores[0]!.get(sha256Of(bytes)))!).equals(bytes)).toBe(true);
    });

    it('makes exactly one blob when several processes put the same bytes at once', async () => {
      const space = fresh();
      const bytes = randomBytes(4 << 20);
      const file = path.join(scratch, `${space}.bin`);
      await writeFile(file, bytes);
      const results = await raceInProcesses(4, backend.options(space), file);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.map((r) => r.sha256)).toEqual(Array(4).fill(sha256Of(bytes)));
      const store = await open(space);
      expect(Buffer.from((await store.get(sha256Of(bytes)))!).equals(bytes)).toBe(true);
    }, 60_000);

    it('never shows part of a blob when the process putting it is killed mid-write (kill -9)', async () => {
      const space = fresh();
      const bytes = randomBytes(64 << 20);
      const file = path.join(scratch, `${space}.bin`);
      await writeFile(file, bytes);
      const putter = startPutProcess(backend.options(space), file);
      await putter.ready;
      putter.go();
      await backend.writing(space, sha256Of(bytes));
      putter.kill();
      await putter.ended;
      const store = await open(space);
      // Absent, or (had the write finished before the kill landed) whole: never an error, never a part.
      const after = await store.get(sha256Of(bytes));
      expect(after === undefined || Buffer.from(after).equals(bytes)).toBe(true);
      expect(await store.has(sha256Of(bytes))).toBe(after !== undefined);
      await store.put(bytes);
      expect(Buffer.from((await store.get(sha256Of(bytes)))!).equals(bytes)).toBe(true);
    }, 60_000);

    it.each([
      ['upper-case', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'],
      ['short', 'e3b0c442'],
      ['a path', `../../${'0'.repeat(58)}`],
      ['empty', ''],
      ['with a newline', `${'0'.repeat(64)}\n`],
    ])('refuses a name that is not a SHA-256 (%s) in get and has', async (_what, name) => {
      const store = await open(fresh());
      await expect(store.get(name)).rejects.toThrow(InputError);
      await expect(store.get(name)).rejects.toThrow(/is not a blob name: .*64 lower-case hex digits/);
      await expect(store.has(name)).rejects.toThrow(InputError);
    });

    it('rejects a corrupted blob with an error naming it, and a put of the original bytes repairs it', async () => {
      const space = fresh();
      const store = await open(space);
      const bytes = randomBytes(10_000);
      const { sha256 } = await store.put(bytes);
      await backend.corrupt(space, sha256);
      const failure = store.get(sha256);
      await expect(failure).rejects.toThrow(`blob ${sha256} in ${store.location} is corrupted`);
      await expect(failure).rejects.toMatchObject({ code: 'blob-corrupted', refused: false });
      expect(await store.has(sha256)).toBe(true);
      expect(await store.put(bytes)).toEqual({ sha256, size: 10_000, created: true });
      expect(Buffer.from((await store.get(sha256))!).equals(bytes)).toBe(true);
    });
  });
}
