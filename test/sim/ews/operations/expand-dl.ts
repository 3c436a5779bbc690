import type { Recipient } from '../../model/directory.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { errorMessage, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { child, childText } from '../xml/xml-tree.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * ExpandDL: https://learn.microsoft.com/exchange/client-developer/web-service-reference/expanddl-operation
 * One level only: nested groups come back as members with MailboxType PublicDL
 * (https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-expand-distribution-groups-by-using-ews-in-exchange-2013).
 * The group is found by SMTP address, alias or display name; an unknown or ambiguous name gives the
 * ErrorNameResolution… codes.
 */
const MAILBOX_TYPE: Record<Recipient['kind'], string> = {
  mailbox: 'Mailbox',
  group: 'PublicDL',
  contact: 'Contact',
};

export const expandDl: OperationSpec = {
  needsMailbox: false,
  handle: (ctx: EwsContext) => {
    const op = 'ExpandDL';
    const mailbox = required(ctx.request, 'Mailbox');
    const wanted = childText(mailbox, 'EmailAddress')?.trim() ?? '';
    if (child(mailbox, 'ItemId') || !wanted) {
      // Private (contact-folder) distribution lists are not modelled.
      return responseEnvelope(op, [errorMessage(op, new EwsError('ErrorNameResolutionNoResults'))]);
    }
    const address = wanted.replace(/^smtp:/i, '');
    const groups = ctx.model.directory
      .allGroups()
      .filter(
        (g) =>
          g.primarySmtp.toLowerCase() === address.toLowerCase() ||
          g.alias.toLowerCase() === address.toLowerCase() ||
          g.displayName.toLowerCase() === address.toLowerCase(),
      );
    if (groups.length > 1)
      return responseEnvelope(op, [errorMessage(op, new EwsError('ErrorNameResolutionMultipleResults'))]);
    const [group] = groups;
    if (!group) return responseEnvelope(op, [errorMessage(op, new EwsError('ErrorNameResolutionNoResults'))]);
    const members = ctx.model.groupMembers(group.primarySmtp) ?? [];
    const xml = members
      .map((m) =>
        el(
          't:Mailbox',
          undefined,
          textEl('t:Name', m.name) +
            textEl('t:EmailAddress', m.address) +
            textEl('t:RoutingType', 'SMTP') +
            textEl('t:MailboxType', MAILBOX_TYPE[m.kind]),
        ),
      )
      .join('');
    return responseEnvelope(op, [
      successMessage(
        op,
        el('m:DLExpansion', { TotalItemsInView: members.length, IncludesLastItemInRange: true }, xml),
      ),
    ]);
  },
};
