import type { FolderView, ItemView, MailboxModel, MailboxRecord } from '../../model/index.ts';
import { idKind } from '../../model/index.ts';
import { errors } from '../http/graph-response.ts';

/**
 * Graph ids for Outlook items. By default an item's id is the model id, which changes when the item
 * moves. With `Prefer: IdType="ImmutableId"` Graph serves a different id that survives moves
 * (https://learn.microsoft.com/graph/outlook-immutable-id). Immutable ids here are the model's
 * `immutableId` behind a prefix, so the two formats never collide: a default id handed out before a
 * move is still unknown afterwards, whichever header a later request carries. Model ids never start
 * with `A` (their first byte is a tag letter), so the prefix is unambiguous.
 */
const IMMUTABLE_PREFIX = 'AAkALg';

export function toGraphImmutableId(modelImmutableId: string): string {
  return `${IMMUTABLE_PREFIX}${modelImmutableId}`;
}

/** The Graph id of an item as a request with or without `Prefer: IdType="ImmutableId"` sees it. */
export function graphItemId(item: Pick<ItemView, 'id' | 'immutableId'>, immutable: boolean): string {
  return immutable ? toGraphImmutableId(item.immutableId) : item.id;
}

/** Finds the item a Graph id names, in this mailbox. Malformed → 400, unknown → 404. */
export function resolveItem(
  model: MailboxModel,
  mailbox: MailboxRecord,
  graphId: string,
  kind?: ItemView['kind'],
): ItemView {
  const immutable = graphId.startsWith(IMMUTABLE_PREFIX);
  const modelId = immutable ? graphId.slice(IMMUTABLE_PREFIX.length) : graphId;
  if (idKind(modelId) !== 'item') throw errors.malformedId();
  const item = immutable ? model.itemByImmutableId(modelId) : model.item(modelId);
  if (!item || item.mailboxId !== mailbox.id || (kind !== undefined && item.kind !== kind))
    throw errors.notFound();
  return item;
}

/**
 * Well-known folder names Graph accepts in place of a mail folder id
 * (https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names), limited to
 * the distinguished folders the model has.
 */
export const WELL_KNOWN_MAIL_FOLDERS: ReadonlySet<string> = new Set([
  'archive',
  'deleteditems',
  'drafts',
  'inbox',
  'junkemail',
  'msgfolderroot',
  'outbox',
  'recoverableitemsdeletions',
  'sentitems',
]);

/** A mail folder by id or well-known name, in this mailbox. */
export function resolveFolder(model: MailboxModel, mailbox: MailboxRecord, idOrName: string): FolderView {
  if (WELL_KNOWN_MAIL_FOLDERS.has(idOrName.toLowerCase())) {
    const folder = model.wellKnownFolder(mailbox.id, idOrName);
    if (folder) return folder;
  }
  if (idKind(idOrName) !== 'folder') throw errors.malformedId();
  const folder = model.folder(idOrName);
  if (!folder || folder.mailboxId !== mailbox.id) throw errors.notFound();
  return folder;
}

/** Mail folders are the IPF.Note family; Calendar, Contacts, Tasks and Notes are not mailFolders. */
export function isMailFolder(folder: Pick<FolderView, 'folderClass'>): boolean {
  return folder.folderClass === 'IPF.Note' || folder.folderClass.startsWith('IPF.Note.');
}
