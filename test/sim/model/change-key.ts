import { hashString, mix } from './hash.ts';

/**
 * Change keys change on every modification of an item or folder and are otherwise stable. They are
 * derived from the object's immutable id and its version, so they need no storage. The leading bytes
 * mimic Exchange's (item change keys start "CQAAABYAAA", folder ones "AQAAABYAAA").
 */
function derive(prefix: number, immutableId: string, version: number): string {
  const base = hashString(immutableId);
  const body = Buffer.alloc(16);
  body.writeUInt32LE(prefix, 0);
  body.writeUInt32LE(0x16, 4);
  body.writeUInt32LE(mix(base, version), 8);
  body.writeUInt32LE(mix(base, version, 0x5eed), 12);
  return body.toString('base64');
}

export function itemChangeKey(immutableId: string, version: number): string {
  return derive(0x09, immutableId, version);
}

export function folderChangeKey(folderId: string, version: number): string {
  return derive(0x01, folderId, version);
}
