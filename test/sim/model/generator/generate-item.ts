import type { AttachmentRecord } from '../attachment.ts';
import type { CalendarFields, Recurrence } from '../calendar.ts';
import { DAYS_OF_WEEK } from '../calendar.ts';
import type { EmailAddress } from '../email-address.ts';
import { guidFrom, mix, Rng } from '../hash.ts';
import type { FlagState, ItemRecord, Sensitivity } from '../item-record.ts';
import { ARCHIVE_STUB_ITEM_CLASS } from '../item-record.ts';
import type { MailboxRecord } from '../mailbox-record.ts';
import type { Population } from '../population-options.ts';
import { CALENDAR_FOLDER_ORDINAL } from '../population-options.ts';
import { generateMailbox } from './generate-mailbox.ts';
import {
  ATTACHMENT_KINDS,
  CATEGORIES,
  GIVEN_NAMES,
  MEETING_TOPICS,
  SENTENCES,
  SUBJECT_PREFIXES,
  SUBJECT_SUFFIXES,
  SURNAMES,
  TOPICS,
} from './words.ts';

const DAY_MS = 86_400_000;

/** ISO 8601 UTC without milliseconds, the form both EWS and the MIME Date header round-trip exactly. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function correspondent(population: Population, owner: MailboxRecord, rng: Rng): EmailAddress {
  if (population.mailboxes > 1 && rng.chance(0.7)) {
    let other = rng.int(0, population.mailboxes - 2);
    if (other >= owner.ordinal) other++;
    const mailbox = generateMailbox(population, other);
    return { name: mailbox.displayName, address: mailbox.primarySmtp };
  }
  const given = rng.pick(GIVEN_NAMES);
  const surname = rng.pick(SURNAMES);
  const local = `${given}.${surname}`
    .normalize('NFKD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return { name: `${given} ${surname}`, address: `${local}@partner${rng.int(1, 9)}.example` };
}

function sensitivity(population: Population, rng: Rng): Sensitivity {
  const r = rng.next();
  if (r < population.privateShare) return 'Private';
  if (r < population.privateShare + population.personalShare) return 'Personal';
  if (r < population.privateShare + population.personalShare + population.confidentialShare)
    return 'Confidential';
  return 'Normal';
}

function attachments(
  population: Population,
  rng: Rng,
  seedParts: number[],
  dateMs: number,
): AttachmentRecord[] {
  if (!rng.chance(population.attachmentShare)) return [];
  const count = rng.int(1, population.maxAttachmentsPerItem);
  const list: AttachmentRecord[] = [];
  for (let k = 0; k < count; k++) {
    const kind = rng.pick(ATTACHMENT_KINDS);
    const size = rng.int(population.attachmentSize.min, population.attachmentSize.max);
    list.push({
      key: k,
      name: `${rng.pick(TOPICS).replace(/\s+/g, '-').toLowerCase()}-${k + 1}.${kind.ext}`,
      contentType: kind.contentType,
      isInline: false,
      lastModifiedAt: isoSeconds(dateMs),
      content: { kind: 'generated', seed: mix(...seedParts, 0xa77, k), size },
    });
  }
  return list;
}

function paragraph(rng: Rng): string {
  const count = rng.int(2, 5);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(rng.pick(SENTENCES));
  return lines.join(' ');
}

/**
 * Read state of a generated message, from its own hash so folder unread counts can be computed without
 * generating the messages.
 */
export function generatedIsRead(
  population: Population,
  ownerOrdinal: number,
  folderOrdinal: number,
  index: number,
  inSentItems: boolean,
): boolean {
  if (inSentItems || folderOrdinal === CALENDAR_FOLDER_ORDINAL) return true;
  return (
    mix(population.seedHash, ownerOrdinal, folderOrdinal, index, 0x7265) / 4294967296 >=
    population.unreadShare
  );
}

/**
 * A generated message. Index 0 is the newest in its folder; received times are spread evenly over
 * spanDays before referenceTime with a little jitter, so age criteria select predictable shares.
 */
export function generateMessage(
  population: Population,
  owner: MailboxRecord,
  folderOrdinal: number,
  index: number,
  inSentItems: boolean,
): ItemRecord {
  const seedParts = [population.seedHash, owner.ordinal, folderOrdinal, index];
  const rng = new Rng(mix(...seedParts));
  const n = Math.max(1, population.itemsPerFolder);
  const position = (index + rng.next()) / n;
  const receivedMs = population.referenceMs - Math.floor(position * population.spanDays * DAY_MS);
  const sentMs = receivedMs - rng.int(5, 900) * 1000;
  const ownerAddress: EmailAddress = { name: owner.displayName, address: owner.primarySmtp };
  const other = correspondent(population, owner, rng);
  const extra = rng.chance(0.3) ? [correspondent(population, owner, rng)] : [];
  const from = inSentItems ? ownerAddress : other;
  const to = inSentItems ? [other] : [ownerAddress];
  const cc = inSentItems ? extra : extra.filter((a) => a.address !== owner.primarySmtp);
  const isStub = rng.chance(population.stubShare);
  const flagRoll = rng.next();
  const flag: FlagState =
    flagRoll < population.flaggedShare
      ? { status: 'Flagged', startAt: isoSeconds(receivedMs), dueAt: isoSeconds(receivedMs + 7 * DAY_MS) }
      : flagRoll < population.flaggedShare + population.completedShare
        ? { status: 'Complete', completedAt: isoSeconds(receivedMs + 2 * DAY_MS) }
        : { status: 'NotFlagged' };
  const importanceRoll = rng.next();
  const subject = `${rng.pick(SUBJECT_PREFIXES)}${rng.pick(TOPICS)}${rng.pick(SUBJECT_SUFFIXES)} #${index + 1}`;
  const body = isStub
    ? `This message has been archived. Original size ${rng.int(20, 900)} KB. Open the shortcut to retrieve it.`
    : `${paragraph(rng)}\r\n\r\n${paragraph(rng)}\r\n\r\n-- \r\n${from.name}`;
  const hash = mix(...seedParts, 0x1d)
    .toString(16)
    .padStart(8, '0');
  const senderDomain = from.address.slice(from.address.indexOf('@') + 1);
  const received = isoSeconds(receivedMs);
  return {
    kind: 'message',
    itemClass: isStub ? ARCHIVE_STUB_ITEM_CLASS : 'IPM.Note',
    subject,
    body: { type: 'text', content: body },
    internetMessageId: `<${hash}.${owner.ordinal}.${folderOrdinal}.${index}@${senderDomain}>`,
    from,
    sender: from,
    to,
    cc,
    bcc: [],
    sentAt: isoSeconds(sentMs),
    receivedAt: received,
    createdAt: received,
    lastModifiedAt: received,
    sensitivity: sensitivity(population, rng),
    importance: importanceRoll < 0.1 ? 'High' : importanceRoll < 0.15 ? 'Low' : 'Normal',
    flag,
    isRead: generatedIsRead(population, owner.ordinal, folderOrdinal, index, inSentItems),
    isDraft: false,
    categories: rng.chance(0.1) ? [rng.pick(CATEGORIES)] : [],
    attachments: isStub ? [] : attachments(population, rng, seedParts, sentMs),
    nextAttachmentKey: population.maxAttachmentsPerItem,
    extendedProperties: [],
    extraHeaders: [],
  };
}

function recurrence(rng: Rng, startMs: number): Recurrence {
  const startDate = new Date(startMs).toISOString().slice(0, 10);
  const day = DAYS_OF_WEEK[new Date(startMs).getUTCDay()] ?? 'monday';
  const roll = rng.next();
  const pattern: Recurrence['pattern'] =
    roll < 0.5
      ? { type: 'weekly', interval: rng.int(1, 2), daysOfWeek: [day], firstDayOfWeek: 'sunday' }
      : roll < 0.8
        ? { type: 'daily', interval: rng.int(1, 3) }
        : { type: 'absoluteMonthly', interval: 1, dayOfMonth: new Date(startMs).getUTCDate() };
  const rangeRoll = rng.next();
  const range: Recurrence['range'] =
    rangeRoll < 0.4
      ? { type: 'numbered', startDate, numberOfOccurrences: rng.int(3, 20) }
      : rangeRoll < 0.8
        ? {
            type: 'endDate',
            startDate,
            endDate: new Date(startMs + rng.int(30, 180) * DAY_MS).toISOString().slice(0, 10),
          }
        : { type: 'noEnd', startDate };
  return { pattern, range };
}

/** A generated appointment or meeting in the Calendar folder, spread from 90 days before to 90 after referenceTime. */
export function generateCalendarItem(
  population: Population,
  owner: MailboxRecord,
  index: number,
): ItemRecord {
  const seedParts = [population.seedHash, owner.ordinal, CALENDAR_FOLDER_ORDINAL, index];
  const rng = new Rng(mix(...seedParts));
  const n = Math.max(1, population.calendarItemsPerMailbox);
  const dayOffset = Math.floor(((index + 0.5) / n) * 180) - 90;
  const dayStart = Math.floor(population.referenceMs / DAY_MS) * DAY_MS + dayOffset * DAY_MS;
  const isAllDay = rng.chance(0.05);
  const startMs = isAllDay ? dayStart : dayStart + rng.int(8, 16) * 3_600_000 + rng.pick([0, 30]) * 60_000;
  const endMs = isAllDay ? dayStart + DAY_MS : startMs + rng.pick([30, 60, 90]) * 60_000;
  const ownerAddress: EmailAddress = { name: owner.displayName, address: owner.primarySmtp };
  const organizer = rng.chance(0.6) ? ownerAddress : correspondent(population, owner, rng);
  const attendees: EmailAddress[] = [];
  const attendeeCount = rng.int(0, 3);
  for (let i = 0; i < attendeeCount; i++) attendees.push(correspondent(population, owner, rng));
  if (organizer !== ownerAddress) attendees.push(ownerAddress);
  const createdMs = startMs - rng.int(1, 30) * DAY_MS;
  const calendar: CalendarFields = {
    uid: guidFrom(mix(...seedParts, 0x0d))
      .replace(/-/g, '')
      .toUpperCase(),
    start: isoSeconds(startMs),
    end: isoSeconds(endMs),
    isAllDay,
    location: rng.chance(0.7) ? `Room ${rng.int(1, 5)}.${rng.int(1, 40)}` : '',
    organizer,
    requiredAttendees: attendees,
    optionalAttendees: [],
    showAs: isAllDay ? 'Free' : 'Busy',
    ...(rng.chance(population.recurringShare) ? { recurrence: recurrence(rng, startMs) } : {}),
  };
  const created = isoSeconds(createdMs);
  return {
    kind: 'calendar',
    itemClass: 'IPM.Appointment',
    subject: `${rng.pick(MEETING_TOPICS)} #${index + 1}`,
    body: { type: 'text', content: paragraph(rng) },
    from: organizer,
    to: attendees,
    cc: [],
    bcc: [],
    receivedAt: created,
    createdAt: created,
    lastModifiedAt: created,
    sensitivity: sensitivity(population, rng),
    importance: 'Normal',
    flag: { status: 'NotFlagged' },
    isRead: true,
    isDraft: false,
    categories: [],
    attachments: attachments(population, rng, seedParts, createdMs),
    nextAttachmentKey: population.maxAttachmentsPerItem,
    extendedProperties: [],
    extraHeaders: [],
    calendar,
  };
}
