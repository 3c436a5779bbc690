import { folderListingOf } from '../exchange/folder-listing.ts';
import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  CalendarSyncPage,
  FolderListing,
  FolderSyncResult,
  ItemSyncOptions,
  ItemSyncPage,
  MailboxCalendar,
  MailboxPort,
} from '../../ports/mailbox.ts';
import { throwIfCancelled, untilCancelled } from '../exchange/abortable.ts';
import { cancelledError, type ExchangeError } from '../exchange/exchange-errors.ts';
import type { GraphConnection } from '../graph/connect-graph.ts';
import { getGraphEventAttachment } from './graph-calendar-attachment.ts';
import { syncGraphCalendar } from './graph-calendar-sync.ts';
import { listGraphCalendars } from './graph-calendars.ts';
import { syncGraphFolders } from './graph-folder-sync.ts';
import { syncGraphItems } from './graph-item-sync.ts';
import { isSignInUnreachable, toExchangeError, type GraphMailboxContext } from './graph-mailbox-errors.ts';
import { graphWellKnownFolderIds } from './graph-well-known-folders.ts';

/** Where messages send the admin when the connection was built without its settings (tests). */
const UNKNOWN_HOSTS: GraphMailboxContext = {
  baseUrl: 'Microsoft Graph',
  authorityHost: 'the sign-in host',
  clientId: 'the app',
};

/**
 * Exchange Online through Microsoft Graph (app-only). The folder tree is a full round of the
 * incremental hierarchy sync (graph-folder-sync.ts: mailFolders/delta, every mail folder of the
 * mailbox flat, ending with the deltaLink a later `syncFolders` starts from), so a listing and a later
 * sync see the same folders. https://learn.microsoft.com/graph/api/mailfolder-delta
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
    return folderListingOf(await this.syncFolders(mailbox, undefined, signal));
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

  syncFolders(
    mailbox: string,
    syncState: string | undefined,
    signal?: AbortSignal,
  ): Promise<FolderSyncResult> {
    const call = <T>(request: () => Promise<T>): Promise<T> => this.call(mailbox, signal, request);
    const wellKnown = () => graphWellKnownFolderIds(this.client, call, mailbox, this.context, signal);
    return syncGraphFolders(this.client, call, mailbox, syncState, wellKnown, signal);
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
