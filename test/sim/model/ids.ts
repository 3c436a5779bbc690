import { mix } from './hash.ts';

/**
 * Opaque identifiers. Every id is base64url of a small binary record plus a checksum, so ids survive
 * URL paths (Graph) and XML attributes (EWS) unchanged, never collide across mailboxes, and a mangled or
 * foreign id is recognised as malformed rather than silently pointing at something else.
 *
 * Generated objects get ids computed from their position (mailbox ordinal, folder ordinal, item index), so
 * nothing needs to be stored to resolve them. Objects created through the mutation API get ids from a
 * per-mailbox counter. Like Exchange, an item that moves to another folder gets a new id; its immutable id
 * (the id it was created with) never changes.
 */

export type MailboxId = string;
export type FolderId = string;
export type ItemId = string;
export type AttachmentId = string;

const enum Tag {
  Folder = 0x46, // 'F'
  GeneratedItem = 0x47, // 'G'
  CreatedItem = 0x4e, // 'N'
  Attachment = 0x41, // 'A'
}

/** How a folder is addressed inside its mailbox. */
export type FolderKey =
  | { kind: 'wellKnown'; index: number }
  | { kind: 'generated'; ordinal: number }
  | { kind: 'created'; serial: number };

/** How an item is addressed inside its mailbox. */
export type ItemKey =
  { kind: 'generated'; folderOrdinal: number; index: number } | { kind: 'created'; serial: number };

export interface DecodedFolderId {
  mailbox: number;
  key: FolderKey;
}

export interface DecodedItemId {
  mailbox: number;
  key: ItemKey;
}

export interface DecodedAttachmentId {
  item: DecodedItemId;
  itemId: ItemId;
  attachmentKey: number;
}

const CHECKSUM_BYTES = 3;

function checksum(body: Buffer): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < body.length; i++) h = mix(h, body[i] ?? 0);
  return h;
}

function seal(body: Buffer): string {
  const sum = checksum(body);
  const out = Buffer.alloc(body.length + CHECKSUM_BYTES);
  body.copy(out);
  out.writeUIntBE(sum & 0xffffff, body.length, CHECKSUM_BYTES);
  return out.toString('base64url');
}

function open(id: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(id) || id.length > 200) return undefined;
  const raw = Buffer.from(id, 'base64url');
  if (raw.length <= CHECKSUM_BYTES) return undefined;
  const body = raw.subarray(0, raw.length - CHECKSUM_BYTES);
  if (seal(Buffer.from(body)) !== id) return undefined;
  return body;
}

export function encodeFolderId(mailbox: number, key: FolderKey): FolderId {
  const body = Buffer.alloc(10);
  body[0] = Tag.Folder;
  body.writeUInt32BE(mailbox, 1);
  body[5] = key.kind === 'wellKnown' ? 0 : key.kind === 'generated' ? 1 : 2;
  body.writeUInt32BE(
    key.kind === 'wellKnown' ? key.index : key.kind === 'generated' ? key.ordinal : key.serial,
    6,
  );
  return seal(body);
}

export function decodeFolderId(id: string): DecodedFolderId | undefined {
  const body = open(id);
  if (!body || body.length !== 10 || body[0] !== Tag.Folder) return undefined;
  const mailbox = body.readUInt32BE(1);
  const n = body.readUInt32BE(6);
  switch (body[5]) {
    case 0:
      return { mailbox, key: { kind: 'wellKnown', index: n } };
    case 1:
      return { mailbox, key: { kind: 'generated', ordinal: n } };
    case 2:
      return { mailbox, key: { kind: 'created', serial: n } };
    default:
      return undefined;
  }
}

function itemBody(mailbox: number, key: ItemKey): Buffer {
  if (key.kind === 'generated') {
    const body = Buffer.alloc(11);
    body[0] = Tag.GeneratedItem;
    body.writeUInt32BE(mailbox, 1);
    body.writeUInt16BE(key.folderOrdinal, 5);
    body.writeUInt32BE(key.index, 7);
    return body;
  }
  const body = Buffer.alloc(9);
  body[0] = Tag.CreatedItem;
  body.writeUInt32BE(mailbox, 1);
  body.writeUInt32BE(key.serial, 5);
  return body;
}

export function encodeItemId(mailbox: number, key: ItemKey): ItemId {
  return seal(itemBody(mailbox, key));
}

function readItemBody(body: Buffer): DecodedItemId | undefined {
  if (body[0] === Tag.GeneratedItem && body.length === 11) {
    return {
      mailbox: body.readUInt32BE(1),
      key: { kind: 'generated', folderOrdinal: body.readUInt16BE(5), index: body.readUInt32BE(7) },
    };
  }
  if (body[0] === Tag.CreatedItem && body.length === 9) {
    return { mailbox: body.readUInt32BE(1), key: { kind: 'created', serial: body.readUInt32BE(5) } };
  }
  return undefined;
}

export function decodeItemId(id: string): DecodedItemId | undefined {
  const body = open(id);
  return body ? readItemBody(body) : undefined;
}

/** Attachment ids embed the id of the item that holds them, as Exchange's do. */
export function encodeAttachmentId(itemId: ItemId, attachmentKey: number): AttachmentId {
  const decoded = decodeItemId(itemId);
  if (!decoded) throw new Error(`not an item id: ${itemId}`);
  const inner = itemBody(decoded.mailbox, decoded.key);
  const body = Buffer.alloc(inner.length + 5);
  body[0] = Tag.Attachment;
  inner.copy(body, 1);
  body.writeUInt32BE(attachmentKey, inner.length + 1);
  return seal(body);
}

export function decodeAttachmentId(id: string): DecodedAttachmentId | undefined {
  const body = open(id);
  if (!body || body[0] !== Tag.Attachment || body.length < 10) return undefined;
  const inner = Buffer.from(body.subarray(1, body.length - 4));
  const item = readItemBody(inner);
  if (!item) return undefined;
  return { item, itemId: seal(inner), attachmentKey: body.readUInt32BE(body.length - 4) };
}

/** Which kind of object an opaque id names, if any (lets protocols answer "wrong kind of id" precisely). */
export function idKind(id: string): 'folder' | 'item' | 'attachment' | undefined {
  const body = open(id);
  if (!body) return undefined;
  if (body[0] === Tag.Folder) return 'folder';
  if (body[0] === Tag.Attachment) return 'attachment';
  if (body[0] === Tag.GeneratedItem || body[0] === Tag.CreatedItem) return 'item';
  return undefined;
}
