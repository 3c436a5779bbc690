import type { ItemId } from '../../model/ids.ts';
import type { EwsContext } from '../context.ts';
import { actingMailbox } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolderIn } from '../protocol/ids.ts';
import { errorMessage, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { decodeSyncState, encodeSyncState } from '../protocol/sync-state.ts';
import { itemFields, parseShape } from '../properties/shape.ts';
import { writeItem } from '../properties/write-item.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import { child, childrenNamed, childText } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * SyncFolderItems: https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation
 * MaxChangesReturned must be 1–512 (https://learn.microsoft.com/exchange/client-developer/web-service-reference/maxchangesreturned);
 * IncludesLastItemInRange=false means "call again with the new SyncState". Changes are Create, Update,
 * Delete and ReadFlagChange; items in Ignore are skipped.
 */
const MAX_CHANGES = 512;

function parseMaxChanges(text: string): number {
  const value = Number(text.trim());
  if (!/^\s*-?\d+\s*$/.test(text) || value < 1 || value > MAX_CHANGES) {
    throw schemaValidationFault(
      `The 'http://schemas.microsoft.com/exchange/services/2006/messages:MaxChangesReturned' element is invalid - The value '${text.trim()}' is invalid according to its datatype 'http://schemas.microsoft.com/exchange/services/2006/types:MaxSyncChangesReturnedType' - The value must be between 1 and 512.`,
    );
  }
  return value;
}

export const syncFolderItems: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'SyncFolderItems';
    const shape = parseShape(child(ctx.request, 'ItemShape'), 'ItemShape');
    const max = parseMaxChanges(required(ctx.request, 'MaxChangesReturned').text);
    const scope = childText(ctx.request, 'SyncScope')?.trim() ?? 'NormalItems';
    if (scope !== 'NormalItems' && scope !== 'NormalAndAssociatedItems') {
      throw schemaValidationFault(`The element 'SyncScope' has invalid value '${scope}'.`);
    }
    const ignore = new Set<ItemId>(
      childrenNamed(child(ctx.request, 'Ignore'), 'ItemId').map((e) => e.attrs['Id'] ?? ''),
    );
    try {
      // Body, Attachments, MimeContent and recipient lists cannot be synchronised (ErrorInvalidPropertyRequest).
      itemFields(shape, 'message', 'find');
      itemFields(shape, 'calendar', 'find');
      const mailbox = actingMailbox(ctx);
      const folder = resolveFolderIn(ctx, required(ctx.request, 'SyncFolderId'), 'ErrorSyncFolderNotFound');
      const epoch = ctx.model.syncEpoch(mailbox.id);
      const stateText = childText(ctx.request, 'SyncState')?.trim();
      let since = 0;
      if (stateText) {
        const state = decodeSyncState(ctx.syncStateKey, stateText);
        if (
          state.kind !== 'items' ||
          state.mailbox !== mailbox.ordinal ||
          state.scope !== folder.id ||
          state.epoch !== epoch
        ) {
          throw new EwsError('ErrorInvalidSyncStateData');
        }
        if (state.watermark > ctx.model.folderWatermark(folder.id))
          throw new EwsError('ErrorInvalidSyncStateData');
        since = state.watermark;
      }
      const page = ctx.model.itemChanges(folder.id, since, max, ignore);
      ctx.knobs.counters.itemRecords('ews', op, page.changes.length);
      const changes = page.changes
        .map((change) => {
          if (change.type === 'delete' || !change.load)
            return el('t:Delete', undefined, el('t:ItemId', { Id: change.id }));
          if (change.type === 'readFlag') {
            return el(
              't:ReadFlagChange',
              undefined,
              el('t:ItemId', { Id: change.id, ChangeKey: change.changeKey }) +
                textEl('t:IsRead', change.isRead ?? true),
            );
          }
          const tag = change.type === 'create' ? 't:Create' : 't:Update';
          return el(tag, undefined, writeItem(ctx.model, change.load(), shape, 'find'));
        })
        .join('');
      const newState = encodeSyncState(ctx.syncStateKey, {
        kind: 'items',
        mailbox: mailbox.ordinal,
        scope: folder.id,
        watermark: page.watermark,
        epoch,
      });
      return responseEnvelope(op, [
        successMessage(
          op,
          textEl('m:SyncState', newState) +
            textEl('m:IncludesLastItemInRange', page.complete) +
            el('m:Changes', undefined, changes),
        ),
      ]);
    } catch (error) {
      if (error instanceof EwsError) {
        const code = error.code === 'ErrorFolderNotFound' ? new EwsError('ErrorSyncFolderNotFound') : error;
        return responseEnvelope(op, [
          errorMessage(op, code, el('m:SyncState') + textEl('m:IncludesLastItemInRange', true)),
        ]);
      }
      throw error;
    }
  },
};
