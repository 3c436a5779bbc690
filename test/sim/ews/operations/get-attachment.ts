import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { ewsDateTime } from '../protocol/ews-time.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { resolveAttachmentId } from './attachment-ids.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * GetAttachment: https://learn.microsoft.com/exchange/client-developer/web-service-reference/getattachment-operation
 * File attachments come back with their Content (base64). An id that names no attachment gives
 * ErrorInvalidAttachmentId.
 */
export const getAttachment: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'GetAttachment';
    const messages = required(ctx.request, 'AttachmentIds').children.map((idElement) =>
      perItem(op, () => {
        const id = resolveAttachmentId(ctx, idElement);
        const found = ctx.model.attachment(id);
        if (!found) throw new EwsError('ErrorInvalidAttachmentId');
        const a = found.view;
        const xml = el(
          't:FileAttachment',
          undefined,
          el('t:AttachmentId', { Id: a.id }) +
            textEl('t:Name', a.name) +
            textEl('t:ContentType', a.contentType) +
            (a.contentId ? textEl('t:ContentId', a.contentId) : '') +
            textEl('t:Size', a.size) +
            textEl('t:LastModifiedTime', ewsDateTime(a.lastModifiedAt)) +
            textEl('t:IsInline', a.isInline) +
            textEl('t:IsContactPhoto', false) +
            textEl('t:Content', found.content.toString('base64')),
        );
        return successMessage(op, el('m:Attachments', undefined, xml));
      }),
    );
    return responseEnvelope(op, messages);
  },
};
