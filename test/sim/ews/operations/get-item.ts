import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveGetItemId } from '../protocol/ids.ts';
import { occurrenceOf } from '../properties/occurrences.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { parseShape } from '../properties/shape.ts';
import { writeItem } from '../properties/write-item.ts';
import { child } from '../xml/xml-tree.ts';
import { el } from '../xml/xml-writer.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * GetItem: https://learn.microsoft.com/exchange/client-developer/web-service-reference/getitem-operation
 * IncludeMimeContent returns the item's MIME as base64 (MimeContent), byte for byte what was imported.
 */
export const getItem: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const shape = parseShape(child(ctx.request, 'ItemShape'), 'ItemShape');
    const ids = required(ctx.request, 'ItemIds').children;
    ctx.knobs.counters.itemRecords('ews', 'GetItem', ids.length);
    const messages = ids.map((idElement) =>
      perItem('GetItem', () => {
        const item = resolveGetItemId(ctx, idElement);
        if (shape.includeMime && occurrenceOf(item))
          throw new EwsError('ErrorInvalidOperation', 'The MIME of an occurrence is not simulated.');
        return successMessage('GetItem', el('m:Items', undefined, writeItem(ctx.model, item, shape, 'get')));
      }),
    );
    return responseEnvelope('GetItem', messages);
  },
};
