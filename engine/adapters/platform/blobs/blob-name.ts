import { createHash } from 'node:crypto';
import { InputError } from '../../../errors/index.ts';
import { SHA256_HEX } from '../../../ports/blob-store.ts';

/** The name of these bytes: their SHA-256 as 64 lower-case hex digits. */
export function blobNameOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Refuses anything that is not a blob name before it reaches a file name or a query: `../x`, an
 * upper-case or shortened hash. The offending text is quoted (cut short) so the admin sees what was given.
 */
export function assertBlobName(name: string): void {
  if (typeof name === 'string' && SHA256_HEX.test(name)) return;
  const shown = String(name).length > 80 ? `${String(name).slice(0, 80)}…` : String(name);
  throw new InputError(
    'sha256',
    `"${shown}" is not a blob name: a blob is named by the SHA-256 of its bytes, 64 lower-case hex digits`,
  );
}
