import { blobNameOf } from './blob-name.ts';
import { ExsyncError } from '../../../errors/index.ts';

/**
 * Stored bytes that no longer hash to their name (a flipped bit on disk, a row changed by hand), or a
 * write that read back differently. Never the admin's input: a failure, so `refused` is false.
 */
export class BlobCorruptedError extends ExsyncError {
  readonly code = 'blob-corrupted';
  override readonly refused = false;

  constructor(
    readonly sha256: string,
    readonly location: string,
    readonly actual: { sha256: string; size: number },
    when: 'read' | 'written',
  ) {
    super(
      `blob ${sha256} in ${location} is corrupted: the ${actual.size} bytes ${when === 'read' ? 'stored' : 'just written'} ` +
        `hash to ${actual.sha256}` +
        (when === 'read' ? '; put the original bytes again to repair it' : ''),
    );
  }
}

/** The bytes, if they hash to their name; else the error that names the blob and what was found. */
export function intactOrThrow<T extends Uint8Array>(
  sha256: string,
  bytes: T,
  location: string,
  when: 'read' | 'written',
): T {
  const actual = blobNameOf(bytes);
  if (actual !== sha256)
    throw new BlobCorruptedError(sha256, location, { sha256: actual, size: bytes.byteLength }, when);
  return bytes;
}
