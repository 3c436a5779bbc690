import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { CALENDAR_PREFER } from './graph-calendar-sync.ts';
import type { GraphCall } from './graph-item-sync.ts';

/**
 * The raw bytes of one file attachment of an event: `attachments/{id}/$value`
 * (https://learn.microsoft.com/graph/api/attachment-get, "Get the raw contents of a file attachment"),
 * not the base64 contentBytes, so a large file is not inflated by a third in JSON.
 */
export async function getGraphEventAttachment(
  client: Client,
  call: GraphCall,
  mailbox: string,
  eventId: string,
  attachmentId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const path =
    `/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}` +
    `/attachments/${encodeURIComponent(attachmentId)}/$value`;
  const bytes = await call(
    () =>
      client
        .api(path)
        .header('Prefer', CALENDAR_PREFER)
        .option('signal', signal)
        .responseType(ResponseType.ARRAYBUFFER)
        .get() as Promise<ArrayBuffer>,
  );
  return new Uint8Array(bytes);
}
