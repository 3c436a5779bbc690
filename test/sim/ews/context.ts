import type { Knobs } from '../knobs/knobs.ts';
import type { ServiceAccount } from '../model/directory.ts';
import type { MailboxRecord } from '../model/mailbox-record.ts';
import type { MailboxModel } from '../model/model.ts';
import { EwsError } from './protocol/ews-error.ts';
import type { RequestVersion } from './soap/request-version.ts';
import type { XmlElement } from './xml/xml-tree.ts';

/** Everything an operation handler needs about the request it serves. */
export interface EwsContext {
  model: MailboxModel;
  knobs: Knobs;
  /** The authenticated caller. */
  account: ServiceAccount;
  /** The mailbox the request acts as: the impersonated one, or the caller's own (if it has one). */
  mailbox: MailboxRecord | undefined;
  impersonating: boolean;
  version: RequestVersion;
  /** The operation element (first child of soap:Body). */
  request: XmlElement;
  /** Key that authenticates sync states issued by this server. */
  syncStateKey: Buffer;
}

/** The acting mailbox; requests that need one fail like Exchange when the caller has none. */
export function actingMailbox(ctx: EwsContext): MailboxRecord {
  if (!ctx.mailbox) throw new EwsError('ErrorMissingEmailAddress');
  return ctx.mailbox;
}
