import type { EwsContext } from '../context.ts';
import { actingMailbox } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolderIn } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { errorMessage, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { decodeSyncState, encodeSyncState } from '../protocol/sync-state.ts';
import { parseShape } from '../properties/shape.ts';
import { writeFolder } from '../properties/write-folder.ts';
import { child, childText } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import type { OperationSpec } from './operation.ts';

/**
 * SyncFolderHierarchy: https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
 * All changes since the state are returned at once (the operation has no MaxChangesReturned), unless the
 * `hierarchySyncLimit` knob caps a response: then IncludesLastFolderInRange is false and the state goes
 * on from there, the round's changes recomputed from its watermark and sliced. A state is
 * tied to its sync root: omitting SyncFolderId and naming root are different roots, as Microsoft notes in
 * "Handling synchronization-related errors".
 */
export const syncFolderHierarchy: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'SyncFolderHierarchy';
    try {
      const shape = parseShape(child(ctx.request, 'FolderShape'), 'FolderShape');
      const mailbox = actingMailbox(ctx);
      const syncRootElement = child(ctx.request, 'SyncFolderId');
      const root = syncRootElement ? resolveFolderIn(ctx, syncRootElement) : undefined;
      const scope = root?.id ?? '';
      const epoch = ctx.model.syncEpoch(mailbox.id);
      const stateText = childText(ctx.request, 'SyncState')?.trim();
      let since = 0;
      let offset = 0;
      if (stateText) {
        const state = decodeSyncState(ctx.syncStateKey, stateText);
        const current = ctx.model.hierarchyWatermark(mailbox.id);
        if (
          state.kind !== 'hierarchy' ||
          state.mailbox !== mailbox.ordinal ||
          state.scope !== scope ||
          state.epoch !== epoch ||
          state.watermark > current
        ) {
          throw new EwsError('ErrorInvalidSyncStateData');
        }
        since = state.watermark;
        offset = state.offset ?? 0;
      }
      const result = viaModel(() => ctx.model.hierarchyChanges(mailbox.id, root?.id, since));
      const limit = Math.max(1, ctx.knobs.limitsFor('ews')?.hierarchySyncLimit ?? Number.POSITIVE_INFINITY);
      const slice = result.changes.slice(offset, offset + limit);
      const complete = offset + slice.length >= result.changes.length;
      const changes = slice
        .map((change) => {
          if (change.type === 'delete' || !change.folder) {
            return el('t:Delete', undefined, el('t:FolderId', { Id: change.id }));
          }
          const tag = change.type === 'create' ? 't:Create' : 't:Update';
          return el(tag, undefined, writeFolder(ctx.model, change.folder, shape));
        })
        .join('');
      const newState = encodeSyncState(ctx.syncStateKey, {
        kind: 'hierarchy',
        mailbox: mailbox.ordinal,
        scope,
        // A response that stops short resumes at the same watermark, past the changes it handed out.
        watermark: complete ? result.watermark : since,
        epoch,
        offset: complete ? 0 : offset + slice.length,
      });
      return responseEnvelope(op, [
        successMessage(
          op,
          textEl('m:SyncState', newState) +
            textEl('m:IncludesLastFolderInRange', complete) +
            el('m:Changes', undefined, changes),
        ),
      ]);
    } catch (error) {
      if (error instanceof EwsError) {
        return responseEnvelope(op, [
          errorMessage(op, error, el('m:SyncState') + textEl('m:IncludesLastFolderInRange', true)),
        ]);
      }
      throw error;
    }
  },
};
