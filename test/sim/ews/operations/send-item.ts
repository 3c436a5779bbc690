import { isoNow } from '../../model/record-edits.ts';
import type { EwsContext } from '../context.ts';
import { actingMailbox } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolderIn, resolveItem } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import { child } from '../xml/xml-tree.ts';
import { boolAttr, required } from './common.ts';
import { deliver } from './deliver-message.ts';
import type { OperationSpec } from './operation.ts';

/**
 * SendItem: https://learn.microsoft.com/exchange/client-developer/web-service-reference/senditem-operation
 * Sends saved messages (drafts): local delivery as in CreateItem, then the message moves to
 * SavedItemFolderId (default Sent Items) when SaveItemToFolder is true, or is removed when false.
 * ews-javascript-api uses it to send a new message with attachments (CreateItem SaveOnly, then SendItem).
 */
export const sendItem: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'SendItem';
    if (ctx.request.attrs['SaveItemToFolder'] === undefined)
      throw schemaValidationFault("The required attribute 'SaveItemToFolder' is missing.");
    const save = boolAttr(ctx.request, 'SaveItemToFolder', true);
    const savedFolder = child(ctx.request, 'SavedItemFolderId');
    const messages = required(ctx.request, 'ItemIds').children.map((idElement) =>
      perItem(op, () => {
        const mailbox = actingMailbox(ctx);
        const item = resolveItem(ctx, idElement);
        if (item.kind !== 'message') throw new EwsError('ErrorInvalidItemForOperationSendItem');
        const recipients = [...item.to, ...item.cc, ...item.bcc];
        if (!recipients.length) throw new EwsError('ErrorInvalidRecipients');
        const destination = save
          ? savedFolder
            ? resolveFolderIn(ctx, savedFolder, 'ErrorSavedItemFolderNotFound')
            : ctx.model.wellKnownFolder(mailbox.id, 'sentitems')
          : undefined;
        if (save && !destination) throw new EwsError('ErrorSavedItemFolderNotFound');
        const sentAt = isoNow(ctx.model.now());
        const sent = viaModel(() =>
          ctx.model.updateItem(item.id, {
            isDraft: false,
            from: item.from ?? { name: mailbox.displayName, address: mailbox.primarySmtp },
            sentAt,
          }),
        );
        deliver(
          ctx.model,
          viaModel(() => ctx.model.mime(sent.id)),
          recipients,
          sentAt,
        );
        if (!destination) viaModel(() => ctx.model.deleteItem(sent.id, 'hard'));
        else if (destination.id !== sent.folderId)
          viaModel(() => ctx.model.moveItem(sent.id, destination.id));
        return successMessage(op);
      }),
    );
    return responseEnvelope(op, messages);
  },
};
