import { fillDeterministic } from './hash.ts';

/**
 * File attachments. Generated attachments keep only a seed and a size and produce their bytes on demand,
 * so five million generated items cost no attachment memory until something reads them.
 */
export type AttachmentContent =
  { kind: 'bytes'; bytes: Buffer } | { kind: 'generated'; seed: number; size: number };

export interface AttachmentRecord {
  /** Stable within its item; part of the attachment id. */
  key: number;
  name: string;
  contentType: string;
  isInline: boolean;
  contentId?: string;
  /** ISO 8601 UTC */
  lastModifiedAt: string;
  content: AttachmentContent;
}

export function attachmentSize(attachment: AttachmentRecord): number {
  return attachment.content.kind === 'bytes' ? attachment.content.bytes.length : attachment.content.size;
}

export function attachmentBytes(attachment: AttachmentRecord): Buffer {
  const content = attachment.content;
  return content.kind === 'bytes'
    ? content.bytes
    : fillDeterministic(Buffer.alloc(content.size), content.seed);
}
