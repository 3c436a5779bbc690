import { createHash } from 'node:crypto';

/** The expected name of some bytes, computed here rather than by the code under test. */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
