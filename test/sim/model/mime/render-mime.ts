import type { AttachmentRecord } from '../attachment.ts';
import { attachmentBytes, attachmentSize } from '../attachment.ts';
import type { EmailAddress } from '../email-address.ts';
import { formatAddress } from '../email-address.ts';
import { hashString, mix } from '../hash.ts';
import type { ItemRecord, Sensitivity } from '../item-record.ts';
import { renderICalendar } from './icalendar.ts';
import { encodeWords, foldHeader, formatMimeDate, wrapBase64, wrappedBase64Length } from './mime-encoding.ts';

/**
 * Renders an item as RFC 5322 / MIME. The output is a list of segments so that the size of an item
 * (which EWS and Graph report) can be computed without producing attachment bytes. Every segment is a
 * "binary string" (one character per byte), so header bytes kept from an imported message come back
 * exactly as they went in.
 */
type Segment = string | { size: number; render: () => string };

const SENSITIVITY_HEADER: Record<Exclude<Sensitivity, 'Normal'>, string> = {
  Personal: 'Personal',
  Private: 'Private',
  Confidential: 'Company-Confidential',
};

function addressList(list: readonly EmailAddress[]): string {
  return list.map((a) => formatAddress({ name: encodeWords(a.name), address: a.address })).join(', ');
}

function header(name: string, value: string): string {
  return `${foldHeader(name, value)}\r\n`;
}

function quoteParam(value: string): string {
  return `"${encodeWords(value).replace(/["\\]/g, '\\$&')}"`;
}

function textPart(contentType: string, text: string): string {
  return `Content-Type: ${contentType}; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrapBase64(Buffer.from(text, 'utf8'))}`;
}

function attachmentHeaders(attachment: AttachmentRecord): string {
  const name = quoteParam(attachment.name);
  let text = `Content-Type: ${attachment.contentType}; name=${name}\r\n`;
  text += `Content-Description: ${encodeWords(attachment.name)}\r\n`;
  text += `Content-Disposition: ${attachment.isInline ? 'inline' : 'attachment'}; filename=${name}; size=${attachmentSize(attachment)};\r\n`;
  text += `\tmodification-date="${formatMimeDate(attachment.lastModifiedAt)}"\r\n`;
  if (attachment.contentId) text += `Content-ID: <${attachment.contentId}>\r\n`;
  return `${text}Content-Transfer-Encoding: base64\r\n\r\n`;
}

function boundaryFor(record: ItemRecord): string {
  const h1 = hashString(`${record.internetMessageId ?? ''}|${record.subject}|${record.createdAt}`);
  const h2 = mix(h1, record.attachments.length, record.nextAttachmentKey);
  return `_000_${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}_`;
}

function segments(record: ItemRecord): Segment[] {
  let head = '';
  for (const [name, value] of record.extraHeaders) head += `${name}: ${value}\r\n`;
  if (record.from) head += header('From', addressList([record.from]));
  if (
    record.sender &&
    record.from &&
    record.sender.address.toLowerCase() !== record.from.address.toLowerCase()
  ) {
    head += header('Sender', addressList([record.sender]));
  }
  if (record.to.length) head += header('To', addressList(record.to));
  if (record.cc.length) head += header('CC', addressList(record.cc));
  if (record.isDraft && record.bcc.length) head += header('BCC', addressList(record.bcc));
  head += header('Subject', encodeWords(record.subject));
  head += header('Date', formatMimeDate(record.sentAt ?? record.createdAt));
  if (record.internetMessageId) head += header('Message-ID', record.internetMessageId);
  if (record.importance !== 'Normal') head += header('Importance', record.importance.toLowerCase());
  if (record.sensitivity !== 'Normal') head += header('Sensitivity', SENSITIVITY_HEADER[record.sensitivity]);
  if (record.attachments.some((a) => !a.isInline)) head += 'X-MS-Has-Attach: yes\r\n';
  head += 'MIME-Version: 1.0\r\n';

  const bodyType = record.body.type === 'html' ? 'text/html' : 'text/plain';
  const calendarText = record.calendar
    ? renderICalendar(
        record.calendar,
        record.subject,
        record.body.type === 'text' ? record.body.content : '',
        record.sensitivity,
        record.lastModifiedAt,
      )
    : undefined;
  if (!calendarText && record.attachments.length === 0) {
    return [head + textPart(bodyType, record.body.content)];
  }
  const boundary = boundaryFor(record);
  const out: Segment[] = [];
  out.push(`${head}Content-Type: multipart/mixed;\r\n\tboundary="${boundary}"\r\n\r\n`);
  out.push(`--${boundary}\r\n${textPart(bodyType, record.body.content)}`);
  if (calendarText) {
    out.push(`--${boundary}\r\n${textPart('text/calendar; method=PUBLISH', calendarText)}`);
  }
  for (const attachment of record.attachments) {
    out.push(`--${boundary}\r\n${attachmentHeaders(attachment)}`);
    out.push({
      size: wrappedBase64Length(attachmentSize(attachment)),
      render: () => wrapBase64(attachmentBytes(attachment)),
    });
  }
  out.push(`--${boundary}--\r\n`);
  return out;
}

/** Byte length of the item's MIME, without producing attachment bytes. */
export function mimeLength(record: ItemRecord): number {
  if (record.mime) return record.mime.length;
  let total = 0;
  for (const segment of segments(record))
    total += typeof segment === 'string' ? segment.length : segment.size;
  return total;
}

/** The item's MIME: the imported bytes when unchanged, otherwise rendered deterministically from the record. */
export function renderMime(record: ItemRecord): Buffer {
  if (record.mime) return record.mime;
  const parts = segments(record).map((s) => (typeof s === 'string' ? s : s.render()));
  return Buffer.from(parts.join(''), 'latin1');
}
