import { idKind } from '../../model/ids.ts';
import { decodeOccurrenceId, occurrenceAt, occurrenceByIndex } from '../properties/occurrences.ts';
import type { FolderView, ItemView } from '../../model/views.ts';
import type { EwsContext } from '../context.ts';
import { actingMailbox } from '../context.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { child, childText } from '../xml/xml-tree.ts';
import { EwsError } from './ews-error.ts';

/**
 * FolderId / DistinguishedFolderId / ItemId resolution with Exchange's error codes
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/distinguishedfolderid).
 */

/** DistinguishedFolderIdNameType values; anything else fails schema validation. */
const DISTINGUISHED_NAMES = new Set([
  'calendar',
  'contacts',
  'deleteditems',
  'drafts',
  'inbox',
  'journal',
  'notes',
  'outbox',
  'sentitems',
  'tasks',
  'msgfolderroot',
  'publicfoldersroot',
  'root',
  'junkemail',
  'searchfolders',
  'voicemail',
  'recoverableitemsroot',
  'recoverableitemsdeletions',
  'recoverableitemsversions',
  'recoverableitemspurges',
  'archiveroot',
  'archivemsgfolderroot',
  'archivedeleteditems',
  'archiveinbox',
  'archiverecoverableitemsroot',
  'archiverecoverableitemsdeletions',
  'archiverecoverableitemsversions',
  'archiverecoverableitemspurges',
  'syncissues',
  'conflicts',
  'localfailures',
  'serverfailures',
  'recipientcache',
  'quickcontacts',
  'conversationhistory',
  'adminauditlogs',
  'todosearch',
  'mycontacts',
  'directory',
  'imcontactlist',
  'peopleconnect',
  'favorites',
  'archive',
]);

function checkChangeKey(element: XmlElement): void {
  const changeKey = element.attrs['ChangeKey'];
  if (changeKey !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(changeKey))
    throw new EwsError('ErrorInvalidChangeKey');
}

/** Resolves a t:FolderId or t:DistinguishedFolderId element to a folder of the acting mailbox. */
export function resolveFolder(ctx: EwsContext, element: XmlElement): FolderView {
  if (element.name === 'DistinguishedFolderId') {
    const name = element.attrs['Id'] ?? '';
    if (!DISTINGUISHED_NAMES.has(name)) {
      throw schemaValidationFault(
        `The 'Id' attribute is invalid - The value '${name}' is invalid according to its datatype 'DistinguishedFolderIdNameType'.`,
      );
    }
    const address = childText(child(element, 'Mailbox'), 'EmailAddress');
    let mailboxId: string;
    if (address !== undefined) {
      const mailbox = ctx.model.mailbox(address);
      if (!mailbox) throw new EwsError('ErrorNonExistentMailbox');
      if (mailbox.id !== ctx.mailbox?.id) throw new EwsError('ErrorAccessDenied');
      mailboxId = mailbox.id;
    } else {
      mailboxId = actingMailbox(ctx).id;
    }
    const folder = ctx.model.wellKnownFolder(mailboxId, name);
    if (!folder) throw new EwsError('ErrorFolderNotFound');
    return folder;
  }
  if (element.name !== 'FolderId') throw new EwsError('ErrorInvalidRequest');
  checkChangeKey(element);
  const id = element.attrs['Id'] ?? '';
  if (!id) throw new EwsError('ErrorInvalidIdEmpty');
  const kind = idKind(id);
  if (kind === undefined && decodeOccurrenceId(id))
    throw new EwsError('ErrorInvalidOperation', 'Occurrences can only be read (GetItem) in the simulator.');
  if (kind === undefined || kind === 'attachment') throw new EwsError('ErrorInvalidIdMalformed');
  if (kind === 'item') throw new EwsError('ErrorCannotUseItemIdForFolderId');
  const folder = ctx.model.folder(id);
  if (!folder || folder.mailboxId !== actingMailbox(ctx).id) throw new EwsError('ErrorFolderNotFound');
  return folder;
}

/** The first FolderId/DistinguishedFolderId child of a container element (e.g. m:ParentFolderId). */
export function resolveFolderIn(
  ctx: EwsContext,
  container: XmlElement | undefined,
  missingCode = 'ErrorFolderNotFound',
): FolderView {
  const element = container?.children.find(
    (c) => c.name === 'FolderId' || c.name === 'DistinguishedFolderId',
  );
  if (!element) throw new EwsError(missingCode);
  return resolveFolder(ctx, element);
}

/** Resolves a t:ItemId element to an item of the acting mailbox. */
export function resolveItem(ctx: EwsContext, element: XmlElement): ItemView {
  checkChangeKey(element);
  const id = element.attrs['Id'] ?? '';
  if (!id) throw new EwsError('ErrorInvalidIdEmpty');
  const kind = idKind(id);
  if (kind === undefined && decodeOccurrenceId(id))
    throw new EwsError('ErrorInvalidOperation', 'Occurrences can only be read (GetItem) in the simulator.');
  if (kind === undefined || kind === 'attachment') throw new EwsError('ErrorInvalidIdMalformed');
  if (kind === 'folder') throw new EwsError('ErrorCannotUseFolderIdForItemId');
  const item = ctx.model.item(id);
  if (!item || item.mailboxId !== actingMailbox(ctx).id) throw new EwsError('ErrorItemNotFound');
  return item;
}

/**
 * For GetItem: a t:ItemId that may name an occurrence of a recurring master (the ids a CalendarView and
 * FirstOccurrence/LastOccurrence hand out), resolved to that occurrence.
 */
export function resolveItemOrOccurrence(ctx: EwsContext, element: XmlElement): ItemView {
  const occurrence = decodeOccurrenceId(element.attrs['Id'] ?? '');
  if (!occurrence || idKind(element.attrs['Id'] ?? '') !== undefined) return resolveItem(ctx, element);
  checkChangeKey(element);
  const master = ctx.model.item(occurrence.masterId);
  if (!master || master.mailboxId !== actingMailbox(ctx).id) throw new EwsError('ErrorItemNotFound');
  const found = occurrenceAt(master, occurrence.originalStart);
  if (!found) throw new EwsError('ErrorItemNotFound');
  return found;
}

/**
 * The item ids GetItem accepts: t:ItemId (items and occurrences), t:OccurrenceItemId (RecurringMasterId +
 * 1-based InstanceIndex, https://learn.microsoft.com/exchange/client-developer/web-service-reference/occurrenceitemid)
 * and t:RecurringMasterItemId (the master of an occurrence,
 * https://learn.microsoft.com/exchange/client-developer/web-service-reference/recurringmasteritemid).
 */
export function resolveGetItemId(ctx: EwsContext, element: XmlElement): ItemView {
  if (element.name === 'OccurrenceItemId') {
    const master = resolveItem(ctx, {
      ...element,
      name: 'ItemId',
      attrs: { Id: element.attrs['RecurringMasterId'] ?? '', ...pick(element, 'ChangeKey') },
    });
    if (!master.calendar?.recurrence) throw new EwsError('ErrorCalendarCannotUseIdForRecurringMasterId');
    const index = Number(element.attrs['InstanceIndex'] ?? '');
    if (!Number.isInteger(index))
      throw schemaValidationFault("The 'InstanceIndex' attribute is invalid - The value is not an integer.");
    const occurrence = occurrenceByIndex(master, index);
    if (!occurrence) throw new EwsError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange');
    if (occurrence === 'deleted') throw new EwsError('ErrorCalendarOccurrenceIsDeletedFromRecurrence');
    return occurrence;
  }
  if (element.name === 'RecurringMasterItemId') {
    const id = element.attrs['OccurrenceId'] ?? '';
    const occurrence = idKind(id) === undefined ? decodeOccurrenceId(id) : undefined;
    if (!occurrence) {
      resolveItem(ctx, { ...element, name: 'ItemId', attrs: { Id: id } });
      throw new EwsError('ErrorCalendarCannotUseIdForOccurrenceId');
    }
    return resolveItem(ctx, { ...element, name: 'ItemId', attrs: { Id: occurrence.masterId } });
  }
  if (element.name !== 'ItemId') throw new EwsError('ErrorInvalidIdMalformed');
  return resolveItemOrOccurrence(ctx, element);
}

function pick(element: XmlElement, name: string): Record<string, string> {
  const value = element.attrs[name];
  return value === undefined ? {} : { [name]: value };
}

/** t:FolderId as written in responses. */
export function folderIdAttrs(folder: Pick<FolderView, 'id' | 'changeKey'>): {
  Id: string;
  ChangeKey: string;
} {
  return { Id: folder.id, ChangeKey: folder.changeKey };
}
