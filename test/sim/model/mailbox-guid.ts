import { mix } from './hash.ts';

/**
 * Mailbox GUIDs that can be turned back into the mailbox ordinal without an index, so Graph-style
 * lookups by user id stay O(1) for a million generated mailboxes. Layout (before the RFC 4122 version
 * and variant bits): 4 bytes tied to the seed, 8 bytes of hash, 4 bytes of masked ordinal.
 */
export function mailboxGuid(seedHash: number, ordinal: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(mix(seedHash, 0x6775), 0);
  bytes.writeUInt32BE(mix(seedHash, ordinal, 1), 4);
  bytes.writeUInt32BE(mix(seedHash, ordinal, 2), 8);
  bytes.writeUInt32BE((ordinal ^ mix(seedHash, 0x6f72)) >>> 0, 12);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ordinal a GUID was made from, or undefined when it is not one of this seed's mailbox GUIDs. */
export function ordinalOfGuid(seedHash: number, text: string): number | undefined {
  const hex = text
    .trim()
    .toLowerCase()
    .replace(/^\{|\}$/g, '');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(hex)) return undefined;
  const bytes = Buffer.from(hex.replace(/-/g, ''), 'hex');
  const ordinal = (bytes.readUInt32BE(12) ^ mix(seedHash, 0x6f72)) >>> 0;
  return mailboxGuid(seedHash, ordinal) === hex ? ordinal : undefined;
}
