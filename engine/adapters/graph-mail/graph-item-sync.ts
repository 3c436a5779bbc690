import type { Client } from '@microsoft/microsoft-graph-client';
import {
  ITEM_FLAG_STATUSES,
  ITEM_SENSITIVITIES,
  type ItemChange,
  type ItemFlagStatus,
  type ItemSyncOptions,
  type ItemSyncPage,
  type MailboxItem,
} from '../../ports/mailbox.ts';
import { throwIfCancelled } from '../exchange/abortable.ts';
import { ExchangeError } from '../exchange/exchange-errors.ts';

interface GraphMessage {
  id: string;
  '@removed'?: unknown;
  internetMessageId?: string | null;
  subject?: string | null;
  from?: { emailAddress?: { name?: string | null; address?: string | null } } | null;
  receivedDateTime?: string | null;
  sentDateTime?: string | null;
  hasAttachments?: boolean;
  categories?: string[];
  flag?: { flagStatus?: string } | null;
  isRead?: boolean;
  singleValueExtendedProperties?: { id: string; value: string }[];
}

interface GraphDeltaPage {
  value: GraphMessage[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** Runs one Graph request the way GraphMailbox does (signal, typed errors). */
export type GraphCall = <T>(request: () => Promise<T>) => Promise<T>;

const DEFAULT_PAGE = 512;
/** Graph's largest delta page for messages. */
const MAX_PAGE = 1000;

const SELECT = [
  'internetMessageId',
  'subject',
  'from',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'categories',
  'flag',
  'isRead',
];

/**
 * v1.0 messages have no size, sensitivity or message class: read them as MAPI properties
 * (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get).
 */
const PR_SENSITIVITY = 0x36;
const PR_MESSAGE_SIZE = 0xe08;
const PR_MESSAGE_CLASS = 0x1a;
const EXPAND =
  `singleValueExtendedProperties($filter=id eq 'Integer 0x${PR_SENSITIVITY.toString(16)}'` +
  ` or id eq 'Integer 0x${PR_MESSAGE_SIZE.toString(16)}' or id eq 'String 0x${PR_MESSAGE_CLASS.toString(16)}')`;

/**
 * The adapter's sync state: the round the link belongs to, then Graph's link. Graph's delta does not
 * say whether an item is new or changed; inside the full round (started without a state) every item
 * is new to the caller (`created`); in later rounds every item is reported as `updated`.
 */
type Round = 'full' | 'incremental';
const STATE = /^graph-items:(full|incremental):(https?:\/\/.+)$/;

function encodeState(round: Round, link: string): string {
  return `graph-items:${round}:${link}`;
}

/**
 * One page of `mailFolders/{id}/messages/delta` (https://learn.microsoft.com/graph/api/message-delta,
 * https://learn.microsoft.com/graph/delta-query-messages). `$select` and `$expand` go only into the
 * first request (Graph keeps them in its tokens); the Prefer header (page size, immutable ids) goes
 * into every request, as Microsoft asks. `@removed` entries are deletions or moves out of the folder.
 */
export async function syncGraphItems(
  client: Client,
  call: GraphCall,
  mailbox: string,
  folderId: string,
  syncState: string | undefined,
  options: ItemSyncOptions,
): Promise<ItemSyncPage> {
  const { signal } = options;
  throwIfCancelled(mailbox, signal);
  let round: Round = 'full';
  let url = `/users/${encodeURIComponent(mailbox)}/mailFolders/${encodeURIComponent(folderId)}/messages/delta`;
  if (syncState !== undefined) {
    const match = STATE.exec(syncState);
    if (!match?.[1] || !match[2] || !URL.canParse(match[2]))
      throw new ExchangeError(
        'sync-state-invalid',
        `The item sync state given for ${mailbox} is not one the Graph adapter issued; the folder must be synced again in full`,
      );
    round = match[1] as Round;
    url = match[2];
  }
  const size = Math.min(Math.max(Math.trunc(options.maxChanges ?? DEFAULT_PAGE), 1), MAX_PAGE);
  const page = await call(() => {
    const request = client
      .api(url)
      .header('Prefer', `odata.maxpagesize=${size}, IdType="ImmutableId"`)
      .option('signal', signal);
    // The client encodes these; links carry them already.
    if (syncState === undefined) request.select(SELECT).expand(EXPAND);
    return request.get() as Promise<GraphDeltaPage>;
  });
  const changes: ItemChange[] = page.value.map((m) =>
    m['@removed']
      ? { kind: 'deleted', id: m.id }
      : { kind: round === 'full' ? 'created' : 'updated', item: toMailboxItem(m, folderId) },
  );
  const next = page['@odata.nextLink'];
  const delta = page['@odata.deltaLink'];
  if (next) return { changes, syncState: encodeState(round, next), more: true };
  if (delta) return { changes, syncState: encodeState('incremental', delta), more: false };
  throw new ExchangeError(
    'server-error',
    `Microsoft Graph answered a message delta page for ${mailbox} with neither @odata.nextLink nor @odata.deltaLink`,
  );
}

function toMailboxItem(m: GraphMessage, folderId: string): MailboxItem {
  const mapi = new Map<number, string>();
  for (const p of m.singleValueExtendedProperties ?? []) {
    const tag = /^\s*\w+\s+0x([0-9a-f]+)\s*$/i.exec(p.id)?.[1];
    if (tag) mapi.set(parseInt(tag, 16), p.value);
  }
  const name = m.from?.emailAddress?.name;
  const address = m.from?.emailAddress?.address;
  const receivedAt = isoDate(m.receivedDateTime);
  const sentAt = isoDate(m.sentDateTime);
  const flagStatus = m.flag?.flagStatus as ItemFlagStatus | undefined;
  return {
    id: m.id,
    folderId,
    ...(m.internetMessageId ? { internetMessageId: m.internetMessageId } : {}),
    subject: m.subject ?? '',
    ...(name || address ? { from: { ...(name ? { name } : {}), ...(address ? { address } : {}) } } : {}),
    ...(receivedAt ? { receivedAt } : {}),
    ...(sentAt ? { sentAt } : {}),
    size: Number(mapi.get(PR_MESSAGE_SIZE) ?? 0),
    sensitivity: ITEM_SENSITIVITIES[Number(mapi.get(PR_SENSITIVITY) ?? 0)] ?? 'normal',
    itemClass: mapi.get(PR_MESSAGE_CLASS) ?? 'IPM.Note',
    flagStatus: flagStatus && ITEM_FLAG_STATUSES.includes(flagStatus) ? flagStatus : 'notFlagged',
    hasAttachments: m.hasAttachments ?? false,
    categories: m.categories ?? [],
    isRead: m.isRead ?? true,
  };
}

function isoDate(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
