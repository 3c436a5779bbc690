import type { Client } from '@microsoft/microsoft-graph-client';
import { WELL_KNOWN_MAIL_FOLDERS, type WellKnownMailFolder } from '../../ports/mailbox.ts';
import type { GraphCall } from './graph-item-sync.ts';
import { toExchangeError, type GraphMailboxContext } from './graph-mailbox-errors.ts';

interface BatchAnswer {
  responses: {
    id: string;
    status: number;
    body?: { id?: string; error?: { code?: string; message?: string } };
  }[];
}

/**
 * Folder id → well-known name. mailFolder has no well-known name in v1.0, so one $batch asks for the
 * six well-known folders by name (https://learn.microsoft.com/graph/api/resources/mailfolder); a name
 * the mailbox lacks (404) is skipped.
 */
export async function graphWellKnownFolderIds(
  client: Client,
  call: GraphCall,
  mailbox: string,
  context: GraphMailboxContext,
  signal?: AbortSignal,
): Promise<Map<string, WellKnownMailFolder>> {
  const path = (name: string) => `/users/${encodeURIComponent(mailbox)}/mailFolders/${name}?$select=id`;
  const answer = await call(
    () =>
      client
        .api('/$batch')
        .option('signal', signal)
        .post({
          requests: WELL_KNOWN_MAIL_FOLDERS.map((name, i) => ({
            id: String(i),
            method: 'GET',
            url: path(name),
          })),
        }) as Promise<BatchAnswer>,
  );
  const ids = new Map<string, WellKnownMailFolder>();
  for (const response of answer.responses) {
    const name = WELL_KNOWN_MAIL_FOLDERS[Number(response.id)];
    if (!name || response.status === 404) continue;
    let id = response.body?.id;
    if (response.status === 429 || response.status >= 500) {
      // Throttled or failed inside the batch (no Retry-After wait there): ask again on its own,
      // through the retry handler, which waits and retries as Graph asks.
      const folder = await call(
        () => client.api(path(name)).option('signal', signal).get() as Promise<{ id: string }>,
      );
      id = folder.id;
    } else if (response.status >= 400) {
      const error = response.body?.error;
      throw toExchangeError(
        {
          statusCode: response.status,
          code: error?.code,
          message: error?.message ?? `HTTP ${response.status}`,
        },
        mailbox,
        context,
      );
    }
    if (id) ids.set(id, name);
  }
  return ids;
}
