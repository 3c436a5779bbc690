import { mix } from './hash.ts';
import type { ItemRecord } from './item-record.ts';

/**
 * Exchange stamps every message it creates with an InternetMessageId (PR_INTERNET_MESSAGE_ID,
 * https://learn.microsoft.com/exchange/client-developer/web-service-reference/internetmessageid):
 * `<32 hex digits@mailbox server FQDN>`. Messages created from fields (EWS CreateItem, Graph POST
 * /messages) get one here; imported MIME keeps its own Message-ID, and a MIME without one is left as is
 * so that it is still served back byte for byte. Ids are unique within a model and deterministic for a
 * population seed and creation order.
 */
export class InternetMessageIds {
  private created = 0;

  constructor(
    private readonly seed: number,
    /** The simulated mailbox server's FQDN. */
    private readonly host: string,
  ) {}

  /** A new id for a message created in this mailbox. */
  next(mailboxOrdinal: number): string {
    const n = ++this.created;
    const hex = [1, 2, 3, 4]
      .map((part) => mix(this.seed, mailboxOrdinal, n, part).toString(16).padStart(8, '0'))
      .join('')
      .toUpperCase();
    return `<${hex}@${this.host}>`;
  }

  /** The record with an InternetMessageId when it is a message without one and without MIME. */
  stamp(record: ItemRecord, mailboxOrdinal: number): ItemRecord {
    if (record.kind !== 'message' || record.internetMessageId || record.mime) return record;
    return { ...record, internetMessageId: this.next(mailboxOrdinal) };
  }
}
