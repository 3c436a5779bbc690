import { hashString } from './hash.ts';
import { GENERATED_MAIL_FOLDERS } from './well-known-folders.ts';

/**
 * What the generator produces. Everything is derived procedurally from (seed, mailbox, folder, index), so
 * the size of a population costs nothing until it is read, and the same options always give the same
 * mailboxes, ids, content and MIME bytes.
 */
export interface PopulationOptions {
  /** @default 'exsync' */
  seed: string | number;
  /** Generated mailboxes. @default 5 */
  mailboxes: number;
  /**
   * Mail folders per mailbox that hold generated messages. The first five are Inbox, Sent Items,
   * Deleted Items, Archive and Junk Email; the rest are user folders nested up to five deep, every
   * other group of five under Inbox. @default 8
   */
  foldersPerMailbox: number;
  /** Messages in each of those folders. @default 20 */
  itemsPerFolder: number;
  /** Items in each mailbox's Calendar folder. @default 10 */
  calendarItemsPerMailbox: number;
  /** Share of calendar items that are recurring masters. @default 0.3 */
  recurringShare: number;
  /** Share of messages with Sensitivity Private. @default 0.05 */
  privateShare: number;
  /** Share of messages with Sensitivity Personal. @default 0.05 */
  personalShare: number;
  /** Share of messages with Sensitivity Confidential. @default 0.02 */
  confidentialShare: number;
  /** Share of messages flagged for follow-up. @default 0.1 */
  flaggedShare: number;
  /** Share of messages whose flag is Complete. @default 0.05 */
  completedShare: number;
  /** Share of unread messages. @default 0.2 */
  unreadShare: number;
  /** Share of messages that are archive shortcuts (IPM.Note.EnterpriseVault.Shortcut). @default 0.02 */
  stubShare: number;
  /** Share of items (messages and calendar items) with file attachments. @default 0.25 */
  attachmentShare: number;
  /** Attachment sizes in bytes, inclusive. @default { min: 512, max: 65536 } */
  attachmentSize: { min: number; max: number };
  /** Attachments on an item that has any, 1..this. @default 3 */
  maxAttachmentsPerItem: number;
  /** SMTP domain of generated mailboxes. @default 'example.test' */
  domain: string;
  /** NetBIOS domain used in DOMAIN\user logons. @default 'EXAMPLE' */
  netbiosDomain: string;
  /** The newest generated message is received at this time. @default '2026-01-01T00:00:00Z' */
  referenceTime: string;
  /** Generated messages spread over this many days before referenceTime. @default 730 */
  spanDays: number;
  /** Share of generated mailboxes outside the impersonation scope. @default 0 */
  impersonationDeniedShare: number;
}

export const DEFAULT_POPULATION: Readonly<PopulationOptions> = {
  seed: 'exsync',
  mailboxes: 5,
  foldersPerMailbox: 8,
  itemsPerFolder: 20,
  calendarItemsPerMailbox: 10,
  recurringShare: 0.3,
  privateShare: 0.05,
  personalShare: 0.05,
  confidentialShare: 0.02,
  flaggedShare: 0.1,
  completedShare: 0.05,
  unreadShare: 0.2,
  stubShare: 0.02,
  attachmentShare: 0.25,
  attachmentSize: { min: 512, max: 65536 },
  maxAttachmentsPerItem: 3,
  domain: 'example.test',
  netbiosDomain: 'EXAMPLE',
  referenceTime: '2026-01-01T00:00:00Z',
  spanDays: 730,
  impersonationDeniedShare: 0,
};

/** Validated options plus values derived once (the numeric seed, the reference time in ms). */
export interface Population extends PopulationOptions {
  seedHash: number;
  referenceMs: number;
}

function share(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
}

function count(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer between 0 and ${max}, got ${value}`);
  }
}

export function resolvePopulation(options: Partial<PopulationOptions> = {}): Population {
  const merged: PopulationOptions = { ...DEFAULT_POPULATION, ...options };
  count('mailboxes', merged.mailboxes, 1_000_000);
  // Folder ordinals are stored in 16 bits of a generated item id (one value is reserved for Calendar).
  count('foldersPerMailbox', merged.foldersPerMailbox, 0xfffe);
  count('itemsPerFolder', merged.itemsPerFolder, 10_000_000);
  count('calendarItemsPerMailbox', merged.calendarItemsPerMailbox, 1_000_000);
  count('maxAttachmentsPerItem', merged.maxAttachmentsPerItem, 100);
  count('spanDays', merged.spanDays, 36_500);
  for (const key of [
    'recurringShare',
    'privateShare',
    'personalShare',
    'confidentialShare',
    'flaggedShare',
    'completedShare',
    'unreadShare',
    'stubShare',
    'attachmentShare',
    'impersonationDeniedShare',
  ] as const) {
    share(key, merged[key]);
  }
  if (merged.privateShare + merged.personalShare + merged.confidentialShare > 1) {
    throw new RangeError('privateShare + personalShare + confidentialShare must not exceed 1');
  }
  if (merged.flaggedShare + merged.completedShare > 1) {
    throw new RangeError('flaggedShare + completedShare must not exceed 1');
  }
  const { min, max } = merged.attachmentSize;
  if (!(
    Number.isInteger(min) &&
    Number.isInteger(max) &&
    min >= 1 &&
    max >= min &&
    max <= 100 * 1024 * 1024
  )) {
    throw new RangeError(`attachmentSize must satisfy 1 <= min <= max <= 100 MiB, got ${min}..${max}`);
  }
  const referenceMs = Date.parse(merged.referenceTime);
  if (Number.isNaN(referenceMs)) throw new RangeError(`referenceTime is not a date: ${merged.referenceTime}`);
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(merged.domain))
    throw new RangeError(`domain is not a DNS name: ${merged.domain}`);
  return {
    ...merged,
    seedHash: typeof merged.seed === 'number' ? merged.seed >>> 0 : hashString(merged.seed),
    referenceMs,
  };
}

/** Number of generated folders that sit at a distinguished folder rather than a user folder. */
export function generatedWellKnownCount(population: Population): number {
  return Math.min(population.foldersPerMailbox, GENERATED_MAIL_FOLDERS.length);
}

/** Folder ordinal used in generated item ids for Calendar items. */
export const CALENDAR_FOLDER_ORDINAL = 0xffff;
