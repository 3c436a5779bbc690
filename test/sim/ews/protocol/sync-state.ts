import { createHmac, timingSafeEqual } from 'node:crypto';
import { EwsError } from './ews-error.ts';

/**
 * Opaque SyncState values. They carry what the server needs to continue (mailbox, scope, watermark,
 * the mailbox's sync epoch) and an HMAC, so a truncated, edited or foreign state is rejected with
 * ErrorInvalidSyncStateData, and a state for another folder or for hierarchy sync is refused as
 * Microsoft documents (https://learn.microsoft.com/exchange/client-developer/exchange-web-services/handling-synchronization-related-errors-in-ews-in-exchange).
 */

const MAGIC = 0x53; // 'S'
const VERSION = 2;
const MAC_BYTES = 12;

export type SyncKind = 'items' | 'hierarchy';

export interface SyncStateData {
  kind: SyncKind;
  mailbox: number;
  /** Folder id for item sync; sync root id (or '' for the whole mailbox) for hierarchy sync. */
  scope: string;
  watermark: number;
  epoch: number;
  /** Changes after `watermark` already handed out (hierarchy sync that stopped short). @default 0 */
  offset?: number;
}

export function encodeSyncState(key: Buffer, data: SyncStateData): string {
  const scope = Buffer.from(data.scope, 'utf8');
  const body = Buffer.alloc(4 + 4 + 2 + scope.length + 4 + 4 + 4);
  let offset = 0;
  body[offset++] = MAGIC;
  body[offset++] = VERSION;
  body[offset++] = data.kind === 'items' ? 1 : 2;
  body[offset++] = 0;
  body.writeUInt32BE(data.mailbox, offset);
  offset += 4;
  body.writeUInt16BE(scope.length, offset);
  offset += 2;
  scope.copy(body, offset);
  offset += scope.length;
  body.writeUInt32BE(data.watermark, offset);
  offset += 4;
  body.writeUInt32BE(data.epoch, offset);
  offset += 4;
  body.writeUInt32BE(data.offset ?? 0, offset);
  const mac = createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  return Buffer.concat([body, mac]).toString('base64');
}

function invalid(): EwsError {
  return new EwsError('ErrorInvalidSyncStateData');
}

/** Decodes and authenticates a state; throws ErrorInvalidSyncStateData when anything is off. */
export function decodeSyncState(key: Buffer, text: string): SyncStateData {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw invalid();
  const raw = Buffer.from(trimmed, 'base64');
  if (raw.length < 22 + MAC_BYTES) throw invalid();
  const body = raw.subarray(0, raw.length - MAC_BYTES);
  const mac = raw.subarray(raw.length - MAC_BYTES);
  const expected = createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  if (!timingSafeEqual(mac, expected)) throw invalid();
  if (body[0] !== MAGIC || body[1] !== VERSION) throw invalid();
  const kind: SyncKind = body[2] === 1 ? 'items' : 'hierarchy';
  const mailbox = body.readUInt32BE(4);
  const scopeLength = body.readUInt16BE(8);
  if (body.length !== 10 + scopeLength + 12) throw invalid();
  const scope = body.subarray(10, 10 + scopeLength).toString('utf8');
  return {
    kind,
    mailbox,
    scope,
    watermark: body.readUInt32BE(10 + scopeLength),
    epoch: body.readUInt32BE(14 + scopeLength),
    offset: body.readUInt32BE(18 + scopeLength),
  };
}
