/** Public surface of the simulated Exchange mailbox model. See README.md. */
export { MailboxModel, createModel } from './model.ts';
export type {
  DeleteMode,
  FolderChangeEntry,
  FolderPatch,
  ItemChangeEntry,
  ItemChangesResult,
  MailboxPatch,
  ModelOptions,
  NewFolder,
  NewMailbox,
} from './model.ts';
export { ModelError } from './model-error.ts';
export type { ModelErrorCode } from './model-error.ts';
export type { ModelEvent, ModelListener } from './model-events.ts';
export type { AttachmentView, FolderView, ItemView } from './views.ts';
export type { ItemPatch, NewAttachment, NewItem } from './record-edits.ts';
export type {
  FlagState,
  FlagStatus,
  Importance,
  ItemBody,
  ItemKind,
  ItemRecord,
  Sensitivity,
} from './item-record.ts';
export { ARCHIVE_STUB_ITEM_CLASS, FLAG_STATUSES, IMPORTANCES, SENSITIVITIES } from './item-record.ts';
export type {
  CalendarFields,
  DayOfWeek,
  Recurrence,
  RecurrencePattern,
  RecurrenceRange,
  WeekIndex,
} from './calendar.ts';
export type { OccurrenceException } from './calendar-exceptions.ts';
export type { EmailAddress } from './email-address.ts';
export type { ExtendedProperty, ExtendedPropertyName, MapiType } from './extended-property.ts';
export {
  DISTINGUISHED_PROPERTY_SETS,
  MAPI_TYPES,
  extendedPropertyKey,
  makeExtendedProperty,
  normaliseGuid,
} from './extended-property.ts';
export { isMappedProperty, isWritableProperty, readItemProperty } from './mapi-properties.ts';
export type { MailboxRecord } from './mailbox-record.ts';
export type {
  DistributionGroup,
  MailContact,
  Recipient,
  RecipientKind,
  ServiceAccount,
} from './directory.ts';
export type { PopulationOptions } from './population-options.ts';
export { DEFAULT_POPULATION } from './population-options.ts';
export type { AttachmentId, FolderId, ItemId, MailboxId } from './ids.ts';
export { idKind } from './ids.ts';
export { WELL_KNOWN_FOLDERS } from './well-known-folders.ts';
export type {
  ModelSnapshot,
  MailboxSnapshot,
  ItemSnapshot,
  FolderSnapshot,
  SnapshotDiff,
  SnapshotOptions,
} from './snapshot.ts';
export { diffSnapshots, itemContentDigest, takeSnapshot } from './snapshot.ts';
export { parseMime } from './mime/parse-mime.ts';
export { renderMime } from './mime/render-mime.ts';
