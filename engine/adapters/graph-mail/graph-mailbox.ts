import type { Client } from '@microsoft/microsoft-graph-client';
import type { MailboxFolder, MailboxPort } from '../../ports/mailbox.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';

interface GraphFolder {
  id: string;
  displayName: string;
  parentFolderId?: string;
  totalItemCount?: number;
  '@removed'?: unknown;
}

interface GraphPage {
  value: GraphFolder[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/**
 * Exchange Online through Microsoft Graph (app-only). The folder tree comes from mailFolders/delta,
 * which returns every folder of the mailbox flat, page by page, ending with a deltaLink.
 * https://learn.microsoft.com/graph/api/mailfolder-delta
 */
export class GraphMailbox implements MailboxPort {
  constructor(
    private readonly client: Client,
    private readonly closeConnection: () => Promise<void>,
  ) {}

  async listFolders(mailbox: string, signal?: AbortSignal): Promise<MailboxFolder[]> {
    const folders: MailboxFolder[] = [];
    let page = await this.get(
      mailbox,
      `/users/${encodeURIComponent(mailbox)}/mailFolders/delta?$select=displayName,parentFolderId,totalItemCount`,
    );
    for (;;) {
      for (const f of page.value) {
        if (f['@removed']) continue;
        folders.push({
          id: f.id,
          displayName: f.displayName,
          ...(f.parentFolderId ? { parentId: f.parentFolderId } : {}),
          ...(typeof f.totalItemCount === 'number' ? { totalCount: f.totalItemCount } : {}),
        });
      }
      const next = page['@odata.nextLink'];
      if (!next || signal?.aborted) return folders;
      page = await this.get(mailbox, next);
    }
  }

  close(): Promise<void> {
    return this.closeConnection();
  }

  private async get(mailbox: string, path: string): Promise<GraphPage> {
    try {
      return (await this.client.api(path).header('Prefer', 'odata.maxpagesize=200').get()) as GraphPage;
    } catch (error) {
      throw toExchangeError(error, mailbox);
    }
  }
}

/** Graph's errors in admin terms (https://learn.microsoft.com/graph/errors). */
function toExchangeError(error: unknown, mailbox: string): ExchangeError {
  const e = error as { statusCode?: number; code?: string; message?: string; name?: string };
  const detail = `${e.code ?? e.name ?? 'error'}: ${e.message ?? String(error)}`;
  if (e.statusCode === 404)
    return new ExchangeError('mailbox-not-found', `Exchange Online has no mailbox ${mailbox} (${detail})`, {
      cause: error,
    });
  if (e.statusCode === 401 || e.statusCode === 403)
    return new ExchangeError(
      'bad-credentials',
      `Graph refused the app for ${mailbox} (${detail}); check the app's Mail.Read permission and the client secret`,
      { cause: error },
    );
  if (e.statusCode === 429)
    return new ExchangeError('throttled', `Graph kept throttling requests for ${mailbox} (${detail})`, {
      cause: error,
    });
  if (e.name === 'GraphNetworkError')
    return new ExchangeError('unreachable', `Microsoft Graph could not be reached: ${detail}`, {
      cause: error,
    });
  return new ExchangeError('server-error', `Graph failed for ${mailbox}: ${detail}`, { cause: error });
}
