import {
  BasePropertySet,
  ChangeType,
  EmailMessageSchema,
  FolderId,
  ItemId,
  ItemSchema,
  PropertySet,
  ServiceError,
  ServiceResult,
  SyncFolderItemsScope,
  type EmailMessage,
  type ExchangeService,
  type Item,
} from 'ews-javascript-api';
import {
  ITEM_FLAG_STATUSES,
  ITEM_SENSITIVITIES,
  type ItemChange,
  type ItemSyncOptions,
  type ItemSyncPage,
  type MailboxItem,
} from '../../ports/mailbox.ts';
import { toExchangeError } from './ews-failure.ts';
import { isoDate, optional } from './ews-values.ts';
import { withEwsRetry } from './with-ews-retry.ts';

/** SyncFolderItems' MaxChangesReturned range (https://learn.microsoft.com/exchange/client-developer/web-service-reference/maxchangesreturned). */
const MAX_CHANGES = 512;
/**
 * Items per follow-up GetItem. EWS gives a batch request one minute of execution (ews-throttling-in-exchange);
 * metadata only, so a page of 512 changes costs two GetItem calls.
 */
const GET_ITEM_BATCH = 256;

/** What MailboxItem needs, no body, no MIME (IncludeMimeContent stays false). */
const ITEM_PROPERTIES = new PropertySet(BasePropertySet.IdOnly, [
  ItemSchema.Subject,
  ItemSchema.DateTimeReceived,
  ItemSchema.DateTimeSent,
  ItemSchema.Size,
  ItemSchema.Sensitivity,
  ItemSchema.ItemClass,
  ItemSchema.Flag,
  ItemSchema.HasAttachments,
  ItemSchema.Categories,
  EmailMessageSchema.InternetMessageId,
  EmailMessageSchema.From,
  EmailMessageSchema.IsRead,
]);

/**
 * One page of SyncFolderItems (https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation)
 * with the ids only, then the metadata of the created and updated items through GetItem in batches.
 * An item that is gone by the time GetItem asks (ErrorItemNotFound) is left out: the next page reports
 * its deletion.
 */
export async function syncEwsItems(
  service: () => ExchangeService,
  mailbox: string,
  folderId: string,
  syncState: string | undefined,
  options: ItemSyncOptions,
): Promise<ItemSyncPage> {
  const { signal } = options;
  const max = Math.min(Math.max(Math.trunc(options.maxChanges ?? MAX_CHANGES), 1), MAX_CHANGES);
  const page = await withEwsRetry(
    mailbox,
    () =>
      service().SyncFolderItems(
        new FolderId(folderId),
        new PropertySet(BasePropertySet.IdOnly),
        [],
        max,
        SyncFolderItemsScope.NormalItems,
        // The typings say string; a full sync sends no state (null).
        (syncState ?? null) as string,
      ),
    signal,
  );
  const changes = page.GetEnumerator();
  const toLoad = changes
    .filter((c) => c.ChangeType === ChangeType.Create || c.ChangeType === ChangeType.Update)
    .map((c) => c.ItemId.UniqueId);
  const loaded = new Map<string, MailboxItem>();
  for (let i = 0; i < toLoad.length; i += GET_ITEM_BATCH) {
    const ids = toLoad.slice(i, i + GET_ITEM_BATCH);
    for (const item of await loadItems(service, mailbox, folderId, ids, signal)) loaded.set(item.id, item);
  }
  const out: ItemChange[] = [];
  for (const change of changes) {
    const id = change.ItemId.UniqueId;
    if (change.ChangeType === ChangeType.Delete) out.push({ kind: 'deleted', id });
    else if (change.ChangeType === ChangeType.ReadFlagChange)
      out.push({ kind: 'read-flag', id, isRead: change.IsRead });
    else {
      const item = loaded.get(id);
      if (item) out.push({ kind: change.ChangeType === ChangeType.Create ? 'created' : 'updated', item });
    }
  }
  return { changes: out, syncState: page.SyncState, more: page.MoreChangesAvailable };
}

async function loadItems(
  service: () => ExchangeService,
  mailbox: string,
  folderId: string,
  ids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<MailboxItem[]> {
  const responses = await withEwsRetry(
    mailbox,
    () =>
      service().BindToItems(
        ids.map((id) => new ItemId(id)),
        ITEM_PROPERTIES,
      ),
    signal,
  );
  const items: MailboxItem[] = [];
  for (const response of responses.GetEnumerator()) {
    if (response.Result === ServiceResult.Success && response.Item) {
      items.push(toMailboxItem(response.Item, folderId));
      continue;
    }
    if (response.ErrorCode === ServiceError.ErrorItemNotFound) continue;
    const code = ServiceError[response.ErrorCode];
    throw toExchangeError({ responseCode: code, message: response.ErrorMessage ?? code }, mailbox, response);
  }
  return items;
}

function toMailboxItem(item: Item, folderId: string): MailboxItem {
  const message = item as EmailMessage;
  const from = optional(() => message.From);
  const internetMessageId = optional(() => message.InternetMessageId);
  const receivedAt = isoDate(optional(() => item.DateTimeReceived?.ToISOString()));
  const sentAt = isoDate(optional(() => item.DateTimeSent?.ToISOString()));
  return {
    id: item.Id.UniqueId,
    folderId,
    ...(internetMessageId ? { internetMessageId } : {}),
    subject: optional(() => item.Subject) ?? '',
    ...(from && (from.Name || from.Address)
      ? {
          from: {
            ...(from.Name ? { name: from.Name } : {}),
            ...(from.Address ? { address: from.Address } : {}),
          },
        }
      : {}),
    ...(receivedAt ? { receivedAt } : {}),
    ...(sentAt ? { sentAt } : {}),
    size: optional(() => item.Size) ?? 0,
    sensitivity: ITEM_SENSITIVITIES[optional(() => item.Sensitivity) ?? 0] ?? 'normal',
    itemClass: optional(() => item.ItemClass) ?? 'IPM.Note',
    flagStatus: ITEM_FLAG_STATUSES[optional(() => item.Flag?.FlagStatus) ?? 0] ?? 'notFlagged',
    hasAttachments: optional(() => item.HasAttachments) ?? false,
    categories: optional(() => item.Categories?.GetEnumerator()) ?? [],
    // Only messages have IsRead; other items in a mail folder (posts) count as read.
    isRead: optional(() => message.IsRead) ?? true,
  };
}
