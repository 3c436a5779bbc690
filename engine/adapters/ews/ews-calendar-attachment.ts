import { FileAttachment, ServiceResult, type ExchangeService } from 'ews-javascript-api';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import { readEwsFailure, toExchangeError } from './ews-failure.ts';
import { withEwsRetry } from './with-ews-retry.ts';

/**
 * The bytes of one file attachment through GetAttachment
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/getattachment-operation):
 * t:Content is the file, base64. An item attachment has no bytes of its own and is refused.
 */
export async function getEwsAttachment(
  service: () => ExchangeService,
  mailbox: string,
  attachmentId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const responses = await withEwsRetry(
    mailbox,
    () => service().GetAttachments([attachmentId], null as never, []),
    signal,
  );
  const response = responses.GetEnumerator()[0];
  if (!response || response.Result !== ServiceResult.Success)
    throw toExchangeError(readEwsFailure(response ?? {}), mailbox, response);
  const attachment = response.Attachment;
  if (!(attachment instanceof FileAttachment))
    throw new ExchangeError(
      'server-error',
      `EWS answered attachment ${attachmentId} of ${mailbox} with an item attachment, which has no file content`,
    );
  return new Uint8Array(Buffer.from(attachment.Base64Content ?? '', 'base64'));
}
