import { isoNow, recordFromInput } from '../../model/record-edits.ts';
import { renderMime } from '../../model/mime/render-mime.ts';
import type { EwsContext } from '../context.ts';
import { actingMailbox } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolderIn } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { kindOfElement, readNewItem } from '../properties/read-item.ts';
import { writeItemId, writeItemIdWithAttachments } from '../properties/write-item.ts';
import { child } from '../xml/xml-tree.ts';
import { el } from '../xml/xml-writer.ts';
import { enumAttr, required } from './common.ts';
import { deliver } from './deliver-message.ts';
import type { OperationSpec } from './operation.ts';

/**
 * CreateItem: https://learn.microsoft.com/exchange/client-developer/web-service-reference/createitem-operation
 * Messages need MessageDisposition (ErrorMessageDispositionRequired), calendar items SendMeetingInvitations
 * (ErrorSendMeetingInvitationsRequired). A message saved with SaveOnly is a draft unless the request sets
 * PR_MESSAGE_FLAGS (0x0E07), the documented way to import received mail
 * (https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-import-items-by-using-ews-in-exchange).
 */
export const createItem: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'CreateItem';
    const disposition = enumAttr(ctx.request, 'MessageDisposition', [
      'SaveOnly',
      'SendOnly',
      'SendAndSaveCopy',
    ] as const);
    const invitations = enumAttr(ctx.request, 'SendMeetingInvitations', [
      'SendToNone',
      'SendOnlyToAll',
      'SendToAllAndSaveCopy',
    ] as const);
    const savedFolder = child(ctx.request, 'SavedItemFolderId');
    const messages = required(ctx.request, 'Items').children.map((itemElement, index) =>
      perItem(op, () => {
        const mailbox = actingMailbox(ctx);
        const owner = { name: mailbox.displayName, address: mailbox.primarySmtp };
        const kind = kindOfElement(itemElement);
        if (!kind)
          throw new EwsError(
            'ErrorInvalidItemForOperationCreateItem',
            `Items of type ${itemElement.name} cannot be created by the simulator.`,
          );
        if (kind === 'message' && !disposition) throw new EwsError('ErrorMessageDispositionRequired');
        if (kind === 'calendar' && !invitations) throw new EwsError('ErrorSendMeetingInvitationsRequired');
        const input = readNewItem(
          itemElement,
          owner,
          `${mailbox.primarySmtp}|${ctx.model.now().toISOString()}|${index}`,
        );
        const sending = kind === 'message' && disposition !== 'SaveOnly';
        const now = ctx.model.now();
        if (kind === 'message') {
          input.isDraft ??= !sending;
          input.isRead ??= true;
          if (sending) {
            input.from ??= owner;
            input.sentAt ??= isoNow(now);
          }
        }
        const folderName = kind === 'calendar' ? 'calendar' : sending ? 'sentitems' : 'drafts';
        const folder = savedFolder
          ? resolveFolderIn(ctx, savedFolder, 'ErrorSavedItemFolderNotFound')
          : ctx.model.wellKnownFolder(mailbox.id, folderName);
        if (!folder) throw new EwsError('ErrorSavedItemFolderNotFound');
        if (sending) {
          // The sent copy and every delivered copy share the id Exchange stamps on the message.
          if (!input.mime) input.internetMessageId ??= ctx.model.newInternetMessageId(mailbox.id);
          const recipients = [...(input.to ?? []), ...(input.cc ?? []), ...(input.bcc ?? [])];
          if (!recipients.length && !input.mime) throw new EwsError('ErrorInvalidRecipients');
          const record = viaModel(() => recordFromInput(input, now));
          const all = [...record.to, ...record.cc, ...record.bcc];
          if (!all.length) throw new EwsError('ErrorInvalidRecipients');
          deliver(ctx.model, renderMime(record), all, isoNow(now));
          if (disposition === 'SendOnly') return successMessage(op, el('m:Items'));
        }
        const created = viaModel(() => ctx.model.createItem(folder.id, input));
        const written = input.attachments?.length
          ? writeItemIdWithAttachments(created)
          : writeItemId(created);
        return successMessage(op, el('m:Items', undefined, written));
      }),
    );
    return responseEnvelope(op, messages);
  },
};
