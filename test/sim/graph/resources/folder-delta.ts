import type { GraphServices } from '../graph-services.ts';
import { json } from '../http/graph-response.ts';
import { isMailFolder, resolveFolder } from '../ids/graph-ids.ts';
import type { DeltaState } from '../odata/delta-token.ts';
import { deltaLinks, deltaPageSize, initialParams, readDeltaState } from '../odata/delta-token.ts';
import { parseQueryOptions } from '../odata/query-options.ts';
import { applySelect } from '../odata/select.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { mailFolderJson } from '../serialize/folder-json.ts';

/**
 * Mail folder hierarchy delta (https://learn.microsoft.com/graph/api/mailfolder-delta): every mail folder
 * below the message root, flattened, parents first; later rounds report created, changed (renamed,
 * moved) and removed folders. A round's changes are recomputed from its starting watermark on every
 * page and sliced by offset, so the order stays stable while the round lasts.
 */
export function folderDeltaRoute(services: GraphServices): MailboxRoute {
  return {
    method: 'GET',
    path: 'users/:user/mailFolders/delta',
    operation: 'mailfolder-delta',
    scope: 'mailbox',
    handle: (context) => folderDelta(services, context),
  };
}

function folderDelta(services: GraphServices, context: MailboxContext) {
  const { request, mailbox } = context;
  const model = services.model;
  const root = resolveFolder(model, mailbox, 'msgfolderroot');
  const state: DeltaState = readDeltaState(services, request, 'folders', mailbox.id) ?? {
    kind: 'folders',
    mailbox: mailbox.id,
    path: ['users', mailbox.id, 'mailFolders', 'delta'],
    initial: initialParams(request, ['$select']),
    epoch: model.syncEpoch(mailbox.id),
    issuedAt: services.clock(),
    firstRound: true,
    watermark: 0,
    offset: 0,
  };
  const options = parseQueryOptions({ ...request, query: new URLSearchParams(state.initial) });
  const changes = model.hierarchyChanges(mailbox.id, root.id, state.watermark ?? 0);
  const relevant = changes.changes.filter(
    (c) => c.type === 'delete' || (c.folder !== undefined && isMailFolder(c.folder)),
  );
  const size = deltaPageSize(services, context.options.maxPageSize, state);
  const offset = state.offset ?? 0;
  const slice = relevant.slice(offset, offset + size);
  const complete = offset + size >= relevant.length;
  const value = slice.map((change) =>
    change.type === 'delete' || !change.folder
      ? { '@odata.type': '#microsoft.graph.mailFolder', id: change.id, '@removed': { reason: 'deleted' } }
      : applySelect(mailFolderJson(change.folder), options.select),
  );
  const next: DeltaState = complete
    ? { ...state, watermark: changes.watermark, offset: 0, firstRound: false, pageSize: size }
    : { ...state, offset: offset + size, pageSize: size };
  return json({ ...deltaLinks(services, request, next, complete), value });
}
