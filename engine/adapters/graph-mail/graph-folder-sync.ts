import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  FolderChange,
  FolderSyncResult,
  MailboxFolder,
  WellKnownMailFolder,
} from '../../ports/mailbox.ts';
import { throwIfCancelled } from '../exchange/abortable.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';
import { parentsFirst } from '../exchange/folder-change-order.ts';
import type { GraphCall } from './graph-item-sync.ts';

interface GraphFolder {
  id: string;
  displayName?: string;
  parentFolderId?: string;
  totalItemCount?: number;
  '@removed'?: unknown;
}

interface GraphFolderPage {
  value: GraphFolder[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** Folders a page; a mailbox has hundreds, so most rounds are one request. */
const PAGE_SIZE = 200;
/** Pages of one round at most: only stops a server that never hands out its deltaLink. */
const MAX_PAGES = 1000;
const SELECT = 'displayName,parentFolderId,totalItemCount';

/**
 * The adapter's hierarchy state is Graph's deltaLink as it is (the port calls it that); anything that
 * is not a mailFolders/delta link (an item state, other text) is refused before it is sent.
 */
function isFolderDeltaLink(state: string): boolean {
  if (!URL.canParse(state)) return false;
  const url = new URL(state);
  return /^https?:$/.test(url.protocol) && /\/mailFolders\/delta$/i.test(url.pathname);
}

/**
 * One round of `mailFolders/delta` (https://learn.microsoft.com/graph/api/mailfolder-delta): Graph
 * enumerates the whole mail-folder tree of the mailbox, flat (unlike `GET mailFolders`, which lists one
 * level), and top-level folders carry the id of the top of the information store (msgfolderroot) as
 * parentFolderId. Pages are followed from `@odata.nextLink` to `@odata.deltaLink`; `$select` goes
 * only into the first request (Graph keeps it in its tokens), the Prefer header into every request.
 * `@removed` entries are deleted folders. Graph does not tell a new folder from a changed one: in the
 * full round every folder is `created`, in later rounds every live folder is `updated`. An expired or
 * unknown token answers 410 or `syncStateNotFound`, which the caller's error translation makes
 * `sync-state-invalid`.
 */
export async function syncGraphFolders(
  client: Client,
  call: GraphCall,
  mailbox: string,
  syncState: string | undefined,
  wellKnownFolderIds: () => Promise<Map<string, WellKnownMailFolder>>,
  signal?: AbortSignal,
): Promise<FolderSyncResult> {
  throwIfCancelled(mailbox, signal);
  let url = `/users/${encodeURIComponent(mailbox)}/mailFolders/delta?$select=${SELECT}`;
  if (syncState !== undefined) {
    if (!isFolderDeltaLink(syncState))
      throw new ExchangeError(
        'sync-state-invalid',
        `The folder sync state given for ${mailbox} is not one the Graph adapter issued; the hierarchy must be synced again in full`,
      );
    url = syncState;
  }
  const full = syncState === undefined;
  const found: GraphFolder[] = [];
  for (let pages = 0; ; pages++) {
    if (pages >= MAX_PAGES)
      throw new ExchangeError(
        'server-error',
        `Microsoft Graph kept answering mailFolders/delta for ${mailbox} with more pages after ${MAX_PAGES} requests`,
      );
    const page = await call(
      () =>
        client
          .api(url)
          .header('Prefer', `odata.maxpagesize=${PAGE_SIZE}, IdType="ImmutableId"`)
          .option('signal', signal)
          .get() as Promise<GraphFolderPage>,
    );
    found.push(...page.value);
    const next = page['@odata.nextLink'];
    const delta = page['@odata.deltaLink'];
    if (next) {
      url = next;
      continue;
    }
    if (!delta)
      throw new ExchangeError(
        'server-error',
        `Microsoft Graph answered a mail folder delta page for ${mailbox} with neither @odata.nextLink nor @odata.deltaLink`,
      );
    const live = found.filter((f) => !f['@removed']);
    const wellKnown = live.length > 0 ? await wellKnownFolderIds() : new Map<string, WellKnownMailFolder>();
    const changes = found.flatMap((f): FolderChange[] => {
      if (f['@removed']) return [{ kind: 'deleted', id: f.id }];
      return [{ kind: full ? 'created' : 'updated', folder: toMailboxFolder(f, wellKnown.get(f.id)) }];
    });
    // A full round lists what exists: a folder removed within it is simply not there.
    const ordered = parentsFirst(changes).filter((c) => !full || c.kind !== 'deleted');
    return { changes: ordered, syncState: delta };
  }
}

function toMailboxFolder(f: GraphFolder, wellKnownName: WellKnownMailFolder | undefined): MailboxFolder {
  return {
    id: f.id,
    displayName: f.displayName ?? '',
    ...(f.parentFolderId ? { parentId: f.parentFolderId } : {}),
    ...(wellKnownName ? { wellKnownName } : {}),
    ...(typeof f.totalItemCount === 'number' ? { totalCount: f.totalItemCount } : {}),
  };
}
