import type { AttachmentRecord } from './attachment.ts';
import type { CalendarFields } from './calendar.ts';
import type { EmailAddress } from './email-address.ts';
import type { ExtendedProperty } from './extended-property.ts';
import type { FlagState, Importance, ItemBody, ItemKind, ItemRecord, Sensitivity } from './item-record.ts';
import { MIME_VISIBLE_FIELDS } from './item-record.ts';
import { writeItemProperty } from './mapi-properties.ts';
import { MimeParseError, parseMime } from './mime/parse-mime.ts';
import { ModelError } from './model-error.ts';

/** Input for a new attachment. */
export interface NewAttachment {
  name: string;
  /** @default 'application/octet-stream' */
  contentType?: string;
  content: Buffer;
  isInline?: boolean;
  contentId?: string;
}

/**
 * Input for a new item. With `mime`, the message is parsed from those bytes (which are then served back
 * unchanged) and any other field given here overrides what the MIME said.
 */
/** The item fields both a new item and a patch can set. */
export interface ItemFields {
  itemClass?: string;
  subject?: string;
  body?: ItemBody;
  internetMessageId?: string;
  from?: EmailAddress;
  sender?: EmailAddress;
  to?: EmailAddress[];
  cc?: EmailAddress[];
  bcc?: EmailAddress[];
  sentAt?: string;
  receivedAt?: string;
  sensitivity?: Sensitivity;
  importance?: Importance;
  flag?: FlagState;
  isRead?: boolean;
  /** @default false (for a new item) */
  isDraft?: boolean;
  categories?: string[];
  calendar?: CalendarFields;
}

export interface NewItem extends ItemFields {
  /** @default 'calendar' when `calendar` is given, else 'message' */
  kind?: ItemKind;
  mime?: Buffer;
  attachments?: NewAttachment[];
  /** Set after the other fields; mapped MAPI tags (e.g. 0x0E07, 0x0E06) change the matching fields. */
  extendedProperties?: ExtendedProperty[];
}

/** A change to an item. Omitted fields stay as they are. */
export interface ItemPatch extends ItemFields {
  /**
   * Replaces the content with this MIME message (subject, body, recipients, dates, attachments, …);
   * the bytes are then served back unchanged. Applied before the other fields of the patch.
   */
  mime?: Buffer;
  /** Set or replace extended properties (mapped MAPI tags change fields). */
  setExtendedProperties?: ExtendedProperty[];
  /** Remove extended properties by key. */
  removeExtendedProperties?: string[];
}

export function isoNow(now: Date): string {
  return new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function newAttachments(list: readonly NewAttachment[], firstKey: number, now: string): AttachmentRecord[] {
  return list.map((a, i) => ({
    key: firstKey + i,
    name: a.name,
    contentType: a.contentType ?? 'application/octet-stream',
    isInline: a.isInline ?? false,
    ...(a.contentId ? { contentId: a.contentId } : {}),
    lastModifiedAt: now,
    content: { kind: 'bytes', bytes: Buffer.from(a.content) },
  }));
}

/** Builds the record for a new item. */
export function recordFromInput(input: NewItem, now: Date): ItemRecord {
  const nowIso = isoNow(now);
  let base: Partial<ItemRecord> = {};
  if (input.mime) {
    let parsed;
    try {
      parsed = parseMime(input.mime);
    } catch (error) {
      if (error instanceof MimeParseError) throw new ModelError('invalidMime', error.message);
      throw error;
    }
    base = {
      subject: parsed.event?.summary && !parsed.subject ? parsed.event.summary : parsed.subject,
      body: parsed.body,
      ...(parsed.internetMessageId ? { internetMessageId: parsed.internetMessageId } : {}),
      ...(parsed.from ? { from: parsed.from } : {}),
      ...(parsed.sender ? { sender: parsed.sender } : {}),
      to: parsed.to,
      cc: parsed.cc,
      bcc: parsed.bcc,
      ...(parsed.sentAt ? { sentAt: parsed.sentAt } : {}),
      importance: parsed.importance,
      sensitivity:
        parsed.event?.sensitivity && parsed.sensitivity === 'Normal'
          ? parsed.event.sensitivity
          : parsed.sensitivity,
      attachments: parsed.attachments.map((a, i) => ({
        key: i,
        name: a.name,
        contentType: a.contentType,
        isInline: a.isInline,
        ...(a.contentId ? { contentId: a.contentId } : {}),
        lastModifiedAt: a.lastModifiedAt ?? nowIso,
        content: { kind: 'bytes', bytes: a.bytes },
      })),
      extraHeaders: parsed.extraHeaders,
      mime: Buffer.from(input.mime),
      ...(parsed.event ? { calendar: parsed.event.calendar } : {}),
    };
  }
  const kind: ItemKind = input.kind ?? (input.calendar ? 'calendar' : 'message');
  const calendar = kind === 'calendar' ? (input.calendar ?? base.calendar) : undefined;
  if (kind === 'calendar' && !calendar)
    throw new ModelError('invalidArgument', 'a calendar item needs start and end');
  const baseAttachments = base.attachments ?? [];
  const added = newAttachments(input.attachments ?? [], baseAttachments.length, nowIso);
  let record: ItemRecord = {
    kind,
    itemClass: input.itemClass ?? (kind === 'calendar' ? 'IPM.Appointment' : 'IPM.Note'),
    subject: input.subject ?? base.subject ?? '',
    body: input.body ?? base.body ?? { type: 'text', content: '' },
    ...((input.internetMessageId ?? base.internetMessageId)
      ? { internetMessageId: input.internetMessageId ?? base.internetMessageId }
      : {}),
    ...((input.from ?? base.from) ? { from: input.from ?? base.from } : {}),
    ...((input.sender ?? input.from ?? base.sender)
      ? { sender: input.sender ?? input.from ?? base.sender }
      : {}),
    to: input.to ?? base.to ?? [],
    cc: input.cc ?? base.cc ?? [],
    bcc: input.bcc ?? base.bcc ?? [],
    ...((input.sentAt ?? base.sentAt) ? { sentAt: input.sentAt ?? base.sentAt } : {}),
    receivedAt: input.receivedAt ?? nowIso,
    createdAt: nowIso,
    lastModifiedAt: nowIso,
    sensitivity: input.sensitivity ?? base.sensitivity ?? 'Normal',
    importance: input.importance ?? base.importance ?? 'Normal',
    flag: input.flag ?? { status: 'NotFlagged' },
    isRead: input.isRead ?? true,
    isDraft: input.isDraft ?? false,
    categories: input.categories ?? [],
    attachments: [...baseAttachments, ...added],
    nextAttachmentKey: baseAttachments.length + added.length,
    extendedProperties: [],
    extraHeaders: base.extraHeaders ?? [],
    ...(calendar ? { calendar } : {}),
  };
  if (base.mime && !input.attachments?.length && !overridesMime(input)) record.mime = base.mime;
  for (const property of input.extendedProperties ?? []) {
    const before = record;
    record = writeItemProperty(record, property);
    if ([...MIME_VISIBLE_FIELDS].some((key) => before[key] !== record[key])) delete record.mime;
  }
  return record;
}

function overridesMime(input: NewItem): boolean {
  return (Object.keys(input) as (keyof NewItem)[]).some(
    (key) => key !== 'mime' && input[key] !== undefined && MIME_VISIBLE_FIELDS.has(key),
  );
}

const PATCHABLE = [
  'itemClass',
  'subject',
  'body',
  'internetMessageId',
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'sentAt',
  'receivedAt',
  'sensitivity',
  'importance',
  'flag',
  'isRead',
  'isDraft',
  'categories',
  'calendar',
] as const satisfies readonly (keyof ItemPatch & keyof ItemRecord)[];

/** True when the patch changes nothing but the read flag (EWS reports those as ReadFlagChange). */
export function isReadFlagOnly(patch: ItemPatch): boolean {
  const keys = (Object.keys(patch) as (keyof ItemPatch)[]).filter((k) => patch[k] !== undefined);
  return keys.length === 1 && keys[0] === 'isRead';
}

/** Applies a patch; drops the original MIME when a MIME-visible field changes. */
export function applyPatch(record: ItemRecord, patch: ItemPatch, now: Date): ItemRecord {
  let next: ItemRecord = patch.mime ? replaceFromMime(record, patch.mime, now) : { ...record };
  let mimeChanged = false;
  for (const key of PATCHABLE) {
    const value = patch[key];
    if (value === undefined) continue;
    (next as unknown as Record<string, unknown>)[key] = value;
    if (MIME_VISIBLE_FIELDS.has(key)) mimeChanged = true;
  }
  for (const property of patch.setExtendedProperties ?? []) {
    const before = next;
    next = writeItemProperty(next, property);
    for (const key of MIME_VISIBLE_FIELDS) if (before[key] !== next[key]) mimeChanged = true;
  }
  if (patch.removeExtendedProperties?.length) {
    const doomed = new Set(patch.removeExtendedProperties);
    next.extendedProperties = next.extendedProperties.filter((p) => !doomed.has(p.key));
  }
  if (mimeChanged) delete next.mime;
  if (!isReadFlagOnly(patch)) next.lastModifiedAt = isoNow(now);
  return next;
}

/** The record with everything MIME carries taken from `mime`; the rest (flags, class, properties) kept. */
function replaceFromMime(record: ItemRecord, mime: Buffer, now: Date): ItemRecord {
  const parsed = recordFromInput({ kind: 'message', mime }, now);
  const next: ItemRecord = {
    ...record,
    subject: parsed.subject,
    body: parsed.body,
    to: parsed.to,
    cc: parsed.cc,
    bcc: parsed.bcc,
    importance: parsed.importance,
    sensitivity: parsed.sensitivity,
    extraHeaders: parsed.extraHeaders,
    attachments: parsed.attachments.map((a, i) => ({ ...a, key: record.nextAttachmentKey + i })),
    nextAttachmentKey: record.nextAttachmentKey + parsed.attachments.length,
    mime: Buffer.from(mime),
  };
  for (const key of ['internetMessageId', 'from', 'sender', 'sentAt'] as const) {
    if (parsed[key] === undefined) delete next[key];
    else (next as unknown as Record<string, unknown>)[key] = parsed[key];
  }
  if (record.kind === 'calendar') {
    const event = parseMime(mime).event;
    if (event) next.calendar = event.calendar;
  }
  return next;
}

export function addAttachmentToRecord(
  record: ItemRecord,
  attachment: NewAttachment,
  now: Date,
): { record: ItemRecord; key: number } {
  const [created] = newAttachments([attachment], record.nextAttachmentKey, isoNow(now));
  if (!created) throw new Error('unreachable');
  const next: ItemRecord = {
    ...record,
    attachments: [...record.attachments, created],
    nextAttachmentKey: record.nextAttachmentKey + 1,
    lastModifiedAt: isoNow(now),
  };
  delete next.mime;
  return { record: next, key: created.key };
}

export function removeAttachmentFromRecord(
  record: ItemRecord,
  key: number,
  now: Date,
): ItemRecord | undefined {
  if (!record.attachments.some((a) => a.key === key)) return undefined;
  const next: ItemRecord = {
    ...record,
    attachments: record.attachments.filter((a) => a.key !== key),
    lastModifiedAt: isoNow(now),
  };
  delete next.mime;
  return next;
}
