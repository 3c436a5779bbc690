import { createHmac, timingSafeEqual } from 'node:crypto';
import { md4 } from './md4.ts';

/**
 * NTLM over HTTP (MS-NLMP): the client sends a NEGOTIATE (type 1) message, the server answers 401 with a
 * CHALLENGE (type 2), the client sends AUTHENTICATE (type 3). The challenge here is canned (fixed server
 * challenge and target information); the type 3 NTLMv2 response is verified against the account's
 * password, so a wrong password fails as it would against Exchange.
 */

const SIGNATURE = Buffer.from('NTLMSSP\0', 'ascii');

const NEGOTIATE_UNICODE = 0x1;
const REQUEST_TARGET = 0x4;
const NEGOTIATE_NTLM = 0x200;
const NEGOTIATE_ALWAYS_SIGN = 0x8000;
const TARGET_TYPE_DOMAIN = 0x10000;
const NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x80000;
const NEGOTIATE_TARGET_INFO = 0x800000;
const NEGOTIATE_128 = 0x20000000;

/** The fixed server challenge of the canned type 2 message. */
export const SERVER_CHALLENGE = Buffer.from('0123456789abcdef', 'hex');

function avPair(id: number, value: string): Buffer {
  const data = Buffer.from(value, 'utf16le');
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
}

/** Builds the CHALLENGE message for a NetBIOS domain and host. */
export function challengeMessage(netbiosDomain: string, dnsDomain: string, host = 'EXCH01'): string {
  const targetName = Buffer.from(netbiosDomain.toUpperCase(), 'utf16le');
  const targetInfo = Buffer.concat([
    avPair(2, netbiosDomain.toUpperCase()),
    avPair(1, host),
    avPair(4, dnsDomain),
    avPair(3, `${host.toLowerCase()}.${dnsDomain}`),
    Buffer.alloc(4), // MsvAvEOL
  ]);
  const header = Buffer.alloc(48);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(targetName.length, 12);
  header.writeUInt16LE(targetName.length, 14);
  header.writeUInt32LE(48, 16);
  header.writeUInt32LE(
    NEGOTIATE_UNICODE |
      REQUEST_TARGET |
      NEGOTIATE_NTLM |
      NEGOTIATE_ALWAYS_SIGN |
      TARGET_TYPE_DOMAIN |
      NEGOTIATE_EXTENDED_SESSIONSECURITY |
      NEGOTIATE_TARGET_INFO |
      NEGOTIATE_128,
    20,
  );
  SERVER_CHALLENGE.copy(header, 24);
  header.writeUInt16LE(targetInfo.length, 40);
  header.writeUInt16LE(targetInfo.length, 42);
  header.writeUInt32LE(48 + targetName.length, 44);
  return Buffer.concat([header, targetName, targetInfo]).toString('base64');
}

export type NtlmMessage =
  | { type: 1 }
  | { type: 3; domain: string; user: string; workstation: string; ntResponse: Buffer; lmResponse: Buffer }
  | { type: 'invalid' };

function field(message: Buffer, offset: number): Buffer | undefined {
  if (message.length < offset + 8) return undefined;
  const length = message.readUInt16LE(offset);
  const start = message.readUInt32LE(offset + 4);
  if (start + length > message.length) return undefined;
  return message.subarray(start, start + length);
}

/** Decodes an `Authorization: NTLM …` token. */
export function parseNtlm(token: string): NtlmMessage {
  const message = Buffer.from(token, 'base64');
  if (message.length < 12 || !message.subarray(0, 8).equals(SIGNATURE)) return { type: 'invalid' };
  const type = message.readUInt32LE(8);
  if (type === 1) return { type: 1 };
  if (type !== 3) return { type: 'invalid' };
  const lm = field(message, 12);
  const nt = field(message, 20);
  const domain = field(message, 28);
  const user = field(message, 36);
  const workstation = field(message, 44);
  if (!lm || !nt || !domain || !user || !workstation) return { type: 'invalid' };
  // Strings are UTF-16LE because the challenge negotiated Unicode.
  return {
    type: 3,
    domain: domain.toString('utf16le'),
    user: user.toString('utf16le'),
    workstation: workstation.toString('utf16le'),
    ntResponse: Buffer.from(nt),
    lmResponse: Buffer.from(lm),
  };
}

/** Checks an NTLMv2 response: NTProofStr = HMAC-MD5(NTOWFv2, server challenge ‖ blob). */
export function verifyNtlmV2(message: Extract<NtlmMessage, { type: 3 }>, password: string): boolean {
  if (message.ntResponse.length <= 24) return false; // NTLMv1 is not accepted
  const ntHash = md4(Buffer.from(password, 'utf16le'));
  const ntowf = createHmac('md5', ntHash)
    .update(Buffer.from(message.user.toUpperCase() + message.domain, 'utf16le'))
    .digest();
  const proof = message.ntResponse.subarray(0, 16);
  const blob = message.ntResponse.subarray(16);
  const expected = createHmac('md5', ntowf)
    .update(Buffer.concat([SERVER_CHALLENGE, blob]))
    .digest();
  return timingSafeEqual(proof, expected);
}
