import type { Recipient } from '../../model/directory.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import {
  errorMessage,
  responseEnvelope,
  successMessage,
  warningMessage,
} from '../protocol/response-message.ts';
import { responseText } from '../protocol/response-codes.ts';
import { boolAttr, required } from './common.ts';
import type { OperationSpec } from './operation.ts';
import { el, textEl } from '../xml/xml-writer.ts';

/**
 * ResolveNames: https://learn.microsoft.com/exchange/client-developer/web-service-reference/resolvenames-operation
 * One match: Success. Several: Warning with ErrorNameResolutionMultipleResults and the candidates (at
 * most 100). None: Error with ErrorNameResolutionNoResults.
 */
const MAILBOX_TYPE: Record<Recipient['kind'], string> = {
  mailbox: 'Mailbox',
  group: 'PublicDL',
  contact: 'Contact',
};

function resolution(recipient: Recipient, fullContact: boolean): string {
  const mailbox = el(
    't:Mailbox',
    undefined,
    textEl('t:Name', recipient.name) +
      textEl('t:EmailAddress', recipient.address) +
      textEl('t:RoutingType', 'SMTP') +
      textEl('t:MailboxType', MAILBOX_TYPE[recipient.kind]),
  );
  if (!fullContact) return el('t:Resolution', undefined, mailbox);
  const addresses = recipient.addresses
    .slice(0, 3)
    .map((a, i) => textEl('t:Entry', `${i === 0 ? 'SMTP' : 'smtp'}:${a}`, { Key: `EmailAddress${i + 1}` }))
    .join('');
  const contact = el(
    't:Contact',
    undefined,
    textEl('t:DisplayName', recipient.name) +
      (recipient.givenName ? textEl('t:GivenName', recipient.givenName) : '') +
      el('t:EmailAddresses', undefined, addresses) +
      textEl('t:ContactSource', 'ActiveDirectory') +
      (recipient.surname ? textEl('t:Surname', recipient.surname) : ''),
  );
  return el('t:Resolution', undefined, mailbox + contact);
}

export const resolveNames: OperationSpec = {
  needsMailbox: false,
  handle: (ctx: EwsContext) => {
    const op = 'ResolveNames';
    const entry = required(ctx.request, 'UnresolvedEntry').text.trim();
    const fullContact = boolAttr(ctx.request, 'ReturnFullContactData', false);
    if (!entry || /^[\s,;-]+$/.test(entry)) {
      return responseEnvelope(op, [errorMessage(op, new EwsError('ErrorInvalidNameForNameResolution'))]);
    }
    const found = ctx.model.resolveNames(entry, 100);
    if (found.length === 0)
      return responseEnvelope(op, [errorMessage(op, new EwsError('ErrorNameResolutionNoResults'))]);
    const set = el(
      'm:ResolutionSet',
      { TotalItemsInView: found.length, IncludesLastItemInRange: true },
      found.map((r) => resolution(r, fullContact)).join(''),
    );
    if (found.length === 1) return responseEnvelope(op, [successMessage(op, set)]);
    const code = 'ErrorNameResolutionMultipleResults';
    return responseEnvelope(op, [warningMessage(op, code, responseText(code), set)]);
  },
};
