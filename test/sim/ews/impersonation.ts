import type { ServiceAccount } from '../model/directory.ts';
import type { MailboxRecord } from '../model/mailbox-record.ts';
import type { MailboxModel } from '../model/model.ts';
import { SoapFault } from './soap/soap-fault.ts';
import type { XmlElement } from './xml/xml-tree.ts';
import { child, childText } from './xml/xml-tree.ts';

/**
 * The ExchangeImpersonation SOAP header (ConnectingSID with PrincipalName, SID, PrimarySmtpAddress or
 * SmtpAddress): https://learn.microsoft.com/exchange/client-developer/web-service-reference/connectingsid.
 * The caller needs the ApplicationImpersonation role and the mailbox must be in its scope, otherwise
 * ErrorImpersonateUserDenied; an address without a mailbox gives ErrorNonExistentMailbox. Both fail the
 * whole request with a SOAP fault.
 */
export interface ActingIdentity {
  mailbox: MailboxRecord | undefined;
  impersonating: boolean;
}

function fault(code: string, message: string): SoapFault {
  return new SoapFault(code, message);
}

export function resolveActingIdentity(
  model: MailboxModel,
  account: ServiceAccount,
  header: XmlElement | undefined,
): ActingIdentity {
  const impersonation = child(header, 'ExchangeImpersonation');
  if (!impersonation) {
    return { mailbox: account.mailbox ? model.mailbox(account.mailbox) : undefined, impersonating: false };
  }
  const sid = child(impersonation, 'ConnectingSID');
  const address =
    childText(sid, 'PrimarySmtpAddress') ??
    childText(sid, 'SmtpAddress') ??
    childText(sid, 'PrincipalName') ??
    childText(sid, 'SID');
  if (!address?.trim()) {
    throw fault(
      'ErrorInvalidExchangeImpersonationHeaderData',
      'The impersonation header does not name an account to impersonate.',
    );
  }
  // Mailbox UPNs equal their primary SMTP addresses here; SIDs are not modelled, so they never match.
  const mailbox = model.mailbox(address.trim());
  if (!mailbox) throw fault('ErrorNonExistentMailbox', 'The SMTP address has no mailbox associated with it.');
  if (!account.canImpersonate || !mailbox.impersonationAllowed) {
    throw fault(
      'ErrorImpersonateUserDenied',
      'The account does not have permission to impersonate the requested user.',
    );
  }
  return { mailbox, impersonating: true };
}
