import type { AttachmentRecord } from './attachment.ts';
import type { CalendarFields } from './calendar.ts';
import type { EmailAddress } from './email-address.ts';
import type { ExtendedProperty } from './extended-property.ts';

/**
 * The content of one item, independent of where it lives and how it is addressed. Records are immutable:
 * every change produces a new record. Times are ISO 8601 UTC strings (`2025-03-01T09:30:00Z`).
 */

export type Sensitivity = 'Normal' | 'Personal' | 'Private' | 'Confidential';
export type Importance = 'Low' | 'Normal' | 'High';
export type FlagStatus = 'NotFlagged' | 'Flagged' | 'Complete';
export type ItemKind = 'message' | 'calendar';

export const SENSITIVITIES: readonly Sensitivity[] = ['Normal', 'Personal', 'Private', 'Confidential'];
export const IMPORTANCES: readonly Importance[] = ['Low', 'Normal', 'High'];
export const FLAG_STATUSES: readonly FlagStatus[] = ['NotFlagged', 'Flagged', 'Complete'];

/** The message class Enterprise Vault gives its archive shortcuts ("stubs"). */
export const ARCHIVE_STUB_ITEM_CLASS = 'IPM.Note.EnterpriseVault.Shortcut';

export interface ItemBody {
  type: 'text' | 'html';
  content: string;
}

export interface FlagState {
  status: FlagStatus;
  startAt?: string;
  dueAt?: string;
  completedAt?: string;
}

export interface ItemRecord {
  kind: ItemKind;
  itemClass: string;
  subject: string;
  body: ItemBody;
  internetMessageId?: string;
  from?: EmailAddress;
  sender?: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  sentAt?: string;
  receivedAt: string;
  createdAt: string;
  lastModifiedAt: string;
  sensitivity: Sensitivity;
  importance: Importance;
  flag: FlagState;
  isRead: boolean;
  isDraft: boolean;
  categories: string[];
  attachments: AttachmentRecord[];
  /** Next attachment key to hand out; keys are never reused within an item. */
  nextAttachmentKey: number;
  extendedProperties: ExtendedProperty[];
  /** Header fields from an imported MIME message that the record does not model, kept in order. */
  extraHeaders: [string, string][];
  /**
   * The exact MIME an item was created from. Kept (and served byte for byte) until a change that MIME
   * shows (subject, body, recipients, attachments) forces the MIME to be regenerated from the record.
   */
  mime?: Buffer;
  calendar?: CalendarFields;
}

/** Fields that appear in the MIME rendering; changing any of them drops {@link ItemRecord.mime}. */
export const MIME_VISIBLE_FIELDS: ReadonlySet<keyof ItemRecord> = new Set<keyof ItemRecord>([
  'subject',
  'body',
  'internetMessageId',
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'sentAt',
  'sensitivity',
  'importance',
  'attachments',
  'calendar',
]);
