import type { Client } from '@microsoft/microsoft-graph-client';
import {
  WELL_KNOWN_MAIL_FOLDERS,
  type CalendarSyncPage,
  type FolderListing,
  type ItemSyncOptions,
  type ItemSyncPage,
  type MailboxCalendar,
  type MailboxFolder,
  type MailboxPort,
  type WellKnownMailFolder,
} from '../../ports/mailbox.ts';
import { throwIfCancelled, untilCancelled } from '../exchange/abortable.ts';
import { cancelledError, type ExchangeError } from '../exchange/exchange-errors.ts';
import type { GraphConnection } from '../graph/connect-graph.ts';
import { getGraphEventAttachment } from './graph-calendar-attachment.ts';
import { syncGraphCalendar } from './graph-calendar-sync.ts';
import { listGraphCalendars } from './graph-calendars.ts';
import { syncGraphItems } from './graph-item-sync.ts';
import { isSignInUnreachable, toExchangeError, type GraphMailboxContext } from './graph-mailbox-errors.ts';

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

interface BatchAnswer {
  responses: {
    id: string;
    status: number;
    body?: { id?: string; error?: { code?: string; message?: string } };
  }[];
}

/** Where messages send the admin when the connection was built without its settings (tests). */
const UNKNOWN_HOSTS: GraphMailboxContext = {
  baseUrl: 'Microsoft Graph',
  authorityHost: 'the sign-in host',
  clientId: 'the app',
};

/**
 * Exchange Online through Microsoft Graph (app-only). The folder tree comes from mailFolders/delta,
 * which returns every mail folder of the mailbox flat, page by page, parents first, ending with the
 * deltaLink a later incremental pass starts from. https://learn.microsoft.com/graph/api/mailfolder-delta
 * mailFolder has no well-known name in v1.0, so one $batch asks for the six well-known folders by name.
 *
 * Every request carries the caller's AbortSignal (GraphRequest.option → fetch), which also ends the
 * retry handler's Retry-After wait; the token request of @azure/identity takes none, so the caller
 * stops waiting for it at once and its answer is dropped.
 */
export class GraphMailbox implements MailboxPort {
  private readonly context: GraphMailboxContext;

  constructor(
    private readonly client: Client,
    private readonly closeConnection: () => Promise<void>,
    private readonly connection?: Pick<GraphConnection, 'settings' | 'probe'>,
  ) {
    const settings = connection?.settings;
    this.context = settings
      ? { baseUrl: settings.baseUrl, authorityHost: settings.authorityHost, clientId: settings.clientId }
      : UNKNOWN_HOSTS;
  }

  /** The adapter over a connection from connectGraph, naming its hosts in error messages. */
  static over(connection: GraphConnection): GraphMailbox {
    return new GraphMailbox(connection.client, () => connection.close(), connection);
  }

  async listFolders(mailbox: string, signal?: AbortSignal): Promise<FolderListing> {
    throwIfCancelled(mailbox, signal);
    const found: GraphFolder[] = [];
    let url = `/users/${encodeURIComponent(mailbox)}/mailFolders/delta?$select=displayName,parentFolderId,totalItemCount`;
    let syncState: string | undefined;
    for (;;) {
      const page = await this.call(
        mailbox,
        signal,
        () =>
          this.client
            .api(url)
            .header('Prefer', 'odata.maxpagesize=200')
            .option('signal', signal)
            .get() as Promise<GraphPage>,
      );
      found.push(...page.value.filter((f) => !f['@removed']));
      const next = page['@odata.nextLink'];
      if (!next) {
        syncState = page['@odata.deltaLink'];
        break;
      }
      url = next;
    }
    const wellKnown = await this.wellKnownFolderIds(mailbox, signal);
    const folders = found.map((f) => toMailboxFolder(f, wellKnown.get(f.id)));
    return { folders, ...(syncState ? { syncState } : {}) };
  }

  syncItems(
    mailbox: string,
    folderId: string,
    syncState: string | undefined,
    options: ItemSyncOptions = {},
  ): Promise<ItemSyncPage> {
    const call = <T>(request: () => Promise<T>): Promise<T> => this.call(mailbox, options.signal, request);
    return syncGraphItems(this.client, call, mailbox, folderId, syncState, options);
  }

  // Interim (issue 9 in progress): the folder hierarchy pass lands next.
  syncFolders(): Promise<never> {
    return Promise.reject(new Error('Graph: folder hierarchy sync is not implemented yet'));
  }

  listCalendars(mailbox: string, signal?: AbortSignal): Promise<readonly MailboxCalendar[]> {
    throwIfCancelled(mailbox, signal);
    const call = <T>(request: () => Promise<T>): Promise<T> => this.call(mailbox, signal, request);
    return listGraphCalendars(this.client, call, mailbox, signal);
  }

  syncCalendar(
    mailbox: string,
    calendarId: string,
    syncState: string | undefined,
    options: ItemSyncOptions = {},
  ): Promise<CalendarSyncPage> {
    const call = <T>(request: () => Promise<T>): Promise<T> => this.call(mailbox, options.signal, request);
    return syncGraphCalendar(this.client, call, mailbox, calendarId, syncState, options);
  }

  getCalendarAttachment(
    mailbox: string,
    itemId: string,
    attachmentId: string,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    throwIfCancelled(mailbox, signal);
    const call = <T>(request: () => Promise<T>): Promise<T> => this.call(mailbox, signal, request);
    return getGraphEventAttachment(this.client, call, mailbox, itemId, attachmentId, signal);
  }

  close(): Promise<void> {
    return this.closeConnection();
  }

  /** Folder id → well-known name, from one $batch; a name the mailbox lacks (404) is skipped. */
  private async wellKnownFolderIds(
    mailbox: string,
    signal?: AbortSignal,
  ): Promise<Map<string, WellKnownMailFolder>> {
    const path = (name: string) => `/users/${encodeURIComponent(mailbox)}/mailFolders/${name}?$select=id`;
    const answer = await this.call(
      mailbox,
      signal,
      () =>
        this.client
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
      if (response.status === 429 || response.status === 503 || response.status === 504) {
        // Throttled inside the batch (no Retry-After wait there): ask again on its own, through the retry handler.
        const folder = await this.call(
          mailbox,
          signal,
          () => this.client.api(path(name)).option('signal', signal).get() as Promise<{ id: string }>,
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
          this.context,
        );
      }
      if (id) ids.set(id, name);
    }
    return ids;
  }

  /** Runs one Graph request: cancelled at once on the signal, failures as typed ExchangeErrors. */
  private async call<T>(
    mailbox: string,
    signal: AbortSignal | undefined,
    request: () => Promise<T>,
  ): Promise<T> {
    try {
      return await untilCancelled(request(), mailbox, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelledError(mailbox, signal);
      throw await this.translate(error, mailbox);
    }
  }

  private async translate(error: unknown, mailbox: string): Promise<ExchangeError> {
    // MSAL's sign-in error no longer says whether TLS or the network failed; a probe of the host does.
    const authorityProblem =
      isSignInUnreachable(error) && this.connection
        ? await this.connection.probe(this.context.authorityHost)
        : undefined;
    return toExchangeError(error, mailbox, {
      ...this.context,
      ...(authorityProblem ? { authorityProblem } : {}),
    });
  }
}

function toMailboxFolder(f: GraphFolder, wellKnownName: WellKnownMailFolder | undefined): MailboxFolder {
  return {
    id: f.id,
    displayName: f.displayName,
    ...(f.parentFolderId ? { parentId: f.parentFolderId } : {}),
    ...(wellKnownName ? { wellKnownName } : {}),
    ...(typeof f.totalItemCount === 'number' ? { totalCount: f.totalItemCount } : {}),
  };
}
