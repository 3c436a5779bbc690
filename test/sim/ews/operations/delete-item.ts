import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveGetItemId } from '../protocol/ids.ts';
import { occurrenceOf, type OccurrenceView } from '../properties/occurrences.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import { enumAttr, required } from './common.ts';
import { MODES } from './delete-folder.ts';
import { cancelOccurrence } from './occurrence-edits.ts';
import type { OperationSpec } from './operation.ts';

/**
 * DeleteItem: https://learn.microsoft.com/exchange/client-developer/web-service-reference/deleteitem-operation
 * HardDelete → Recoverable Items\Purges, SoftDelete → Recoverable Items\Deletions, MoveToDeletedItems →
 * Deleted Items. Calendar items need SendMeetingCancellations (ErrorSendMeetingCancellationsRequired).
 */
export const deleteItem: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'DeleteItem';
    const deleteType = enumAttr(ctx.request, 'DeleteType', [
      'HardDelete',
      'SoftDelete',
      'MoveToDeletedItems',
    ] as const);
    if (!deleteType) throw schemaValidationFault("The required attribute 'DeleteType' is missing.");
    const cancellations = enumAttr(ctx.request, 'SendMeetingCancellations', [
      'SendToNone',
      'SendOnlyToAll',
      'SendToAllAndSaveCopy',
    ] as const);
    enumAttr(ctx.request, 'AffectedTaskOccurrences', ['AllOccurrences', 'SpecifiedOccurrenceOnly'] as const);
    const mode = MODES[deleteType] ?? 'hard';
    const messages = required(ctx.request, 'ItemIds').children.map((idElement) =>
      perItem(op, () => {
        // An occurrence (by its ItemId or an OccurrenceItemId) is cancelled, not moved: occurrence-edits.ts.
        const item = resolveGetItemId(ctx, idElement);
        if (item.kind === 'calendar' && !cancellations)
          throw new EwsError('ErrorSendMeetingCancellationsRequired');
        if (occurrenceOf(item)) cancelOccurrence(ctx, item as OccurrenceView);
        else viaModel(() => ctx.model.deleteItem(item.id, mode));
        return successMessage(op);
      }),
    );
    return responseEnvelope(op, messages);
  },
};
