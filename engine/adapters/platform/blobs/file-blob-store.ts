import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BlobStore, StoredBlob } from '../../../ports/blob-store.ts';
import { intactOrThrow } from './blob-corrupted-error.ts';
import { assertBlobName, blobNameOf } from './blob-name.ts';

/**
 * Blobs as files under `<dataDir>/blobs/`, fanned out by the first two pairs of hex digits
 * (`ab/cd/abcd…`) so no directory grows past a few thousand entries.
 *
 * A blob appears under its name only complete and durable: the bytes go to a temporary file in the
 * same directory, which is fsynced and then hard-linked to the final name. Unlike rename, link never
 * replaces an existing name (EEXIST), so of two processes putting the same bytes at once exactly one
 * creates the blob and the other learns it was already there (git stores loose objects the same way).
 * The directory is fsynced so the new name survives a power cut, and the file is read back and
 * hashed before its name is returned.
 */
export class FileBlobStore implements BlobStore {
  readonly location: string;
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'blobs');
    this.location = pathToFileURL(this.root).href;
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = blobNameOf(bytes);
    const file = this.pathOf(sha256);
    const before = await this.check(sha256);
    if (before === 'intact') return { sha256, size: bytes.byteLength, created: false };
    const dir = path.dirname(file);
    await this.makeDirectories(dir);
    const temporary = path.join(dir, `.${sha256}.${process.pid}.${randomUUID()}.tmp`);
    let created: boolean;
    try {
      await writeDurably(temporary, bytes);
      // A corrupted blob is replaced (rename is atomic); a missing one is created only if nobody else did.
      if (before === 'corrupted') {
        await rename(temporary, file);
        created = true;
      } else created = await linkIfAbsent(temporary, file);
      await syncDirectory(dir);
    } finally {
      await rm(temporary, { force: true });
    }
    intactOrThrow(sha256, await readFile(file), this.location, 'written');
    return { sha256, size: bytes.byteLength, created };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    assertBlobName(sha256);
    const bytes = await readIfExists(this.pathOf(sha256));
    return bytes && intactOrThrow(sha256, bytes, this.location, 'read');
  }

  /** Whether a file by that name exists; it does not read the bytes (`get` checks them). */
  async has(sha256: string): Promise<boolean> {
    assertBlobName(sha256);
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private async check(sha256: string): Promise<'missing' | 'intact' | 'corrupted'> {
    const bytes = await readIfExists(this.pathOf(sha256));
    if (bytes === undefined) return 'missing';
    return blobNameOf(bytes) === sha256 ? 'intact' : 'corrupted';
  }

  /** Creates the fan-out directories and, when it made any, fsyncs their parents so they persist. */
  private async makeDirectories(dir: string): Promise<void> {
    const first = await mkdir(dir, { recursive: true });
    if (first === undefined) return;
    for (let made = dir; ; made = path.dirname(made)) {
      await syncDirectory(path.dirname(made));
      if (made === first || made.length <= first.length) break;
    }
  }
}

async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** True when `target` was created, false when it already existed (then it is left as it was). */
async function linkIfAbsent(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
