import type { FolderChange, WellKnownMailFolder } from '../../ports/mailbox.ts';
import { ExchangeError } from '../../adapters/exchange/exchange-errors.ts';
import type { MailboxPass } from '../task-type.ts';
import type { ReplicationState } from './replication-state.ts';
import type { FolderReplicationSettings } from '../../domain/definitions/folder-replication.ts';

type Pass = MailboxPass<FolderReplicationSettings, ReplicationState>;

/** The well-known folders a definition leaves out (each with its subfolders), in a stable order. */
export function excludedWellKnownFolders(settings: FolderReplicationSettings): WellKnownMailFolder[] {
  const excluded: WellKnownMailFolder[] = [];
  if (settings.excludeInbox) excluded.push('inbox');
  if (settings.excludeSentItems) excluded.push('sentitems');
  if (settings.excludeDeletedItems) excluded.push('deleteditems');
  return excluded;
}

/**
 * Brings the replica's folder tree up to date: one hierarchy sync round from the saved state (a full
 * round the first time, or when the state was lost or the definition's exclusions changed). Excluded
 * folders and their subtrees are never written; a folder moved into an excluded subtree leaves the
 * replica (its items are dropped), and one moved out of it needs its subtree, which only a full round
 * can name, so the round is then repeated in full. Returns the next state.
 */
export async function syncHierarchy(pass: Pass, state: ReplicationState): Promise<ReplicationState> {
  const excludedWellKnown = excludedWellKnownFolders(pass.settings);
  const exclusionsChanged = excludedWellKnown.join(',') !== state.excludedWellKnown.join(',');
  let next: ReplicationState = exclusionsChanged
    ? { ...state, hierarchy: {}, excludedWellKnown, excluded: [] }
    : state;
  for (let round = 0; round < 2; round++) {
    const full = next.hierarchy.syncState === undefined;
    const { changes, syncState } = await readHierarchy(pass, next.hierarchy.syncState);
    const at = pass.now().toISOString();
    const outcome = await applyHierarchy(pass, next, changes, excludedWellKnown, at);
    next = { ...next, hierarchy: { syncState }, excluded: [...outcome.excluded] };
    if (full) {
      // A full round names every folder: any other live folder left Exchange meanwhile.
      await pass.platform.replica.sweepFolders(pass.platform.scope, at, at);
      return next;
    }
    if (!outcome.leftExclusion) return next;
    next = { ...next, hierarchy: {} };
  }
  return next;
}

async function readHierarchy(pass: Pass, syncState: string | undefined) {
  try {
    return await pass.exchange.syncFolders(pass.mailbox, syncState, pass.signal);
  } catch (error) {
    if (!(error instanceof ExchangeError && error.code === 'sync-state-invalid') || syncState === undefined)
      throw error;
    pass.note('the folder hierarchy sync state had expired; the folder tree was read again in full');
    return pass.exchange.syncFolders(pass.mailbox, undefined, pass.signal);
  }
}

interface HierarchyOutcome {
  readonly excluded: ReadonlySet<string>;
  /** A folder that was excluded is not any more: its subtree must be read again. */
  readonly leftExclusion: boolean;
}

async function applyHierarchy(
  pass: Pass,
  state: ReplicationState,
  changes: readonly FolderChange[],
  excludedWellKnown: readonly WellKnownMailFolder[],
  at: string,
): Promise<HierarchyOutcome> {
  const { replica, scope } = pass.platform;
  const excluded = new Set(state.excluded);
  const kept: FolderChange[] = [];
  const enteredExclusion: string[] = [];
  let leftExclusion = false;
  for (const change of changes) {
    if (change.kind === 'deleted') {
      if (!excluded.delete(change.id)) kept.push(change);
      continue;
    }
    const { folder } = change;
    const isExcluded =
      (folder.wellKnownName !== undefined && excludedWellKnown.includes(folder.wellKnownName)) ||
      (folder.parentId !== undefined && excluded.has(folder.parentId));
    if (isExcluded) {
      if (!excluded.has(folder.id)) enteredExclusion.push(folder.id);
      excluded.add(folder.id);
    } else {
      if (excluded.delete(folder.id)) leftExclusion = true;
      kept.push(change);
    }
  }
  await replica.applyFolderChanges(scope, kept, at);
  if (enteredExclusion.length > 0) await dropExcludedSubtrees(pass, enteredExclusion, excluded, at);
  return { excluded, leftExclusion };
}

/**
 * Folders that moved into an excluded subtree: their rows and their subfolders' rows leave the
 * replica (the definition says they are not to be kept), and the subfolders join the excluded set.
 */
async function dropExcludedSubtrees(
  pass: Pass,
  roots: readonly string[],
  excluded: Set<string>,
  at: string,
): Promise<void> {
  const { replica, scope } = pass.platform;
  const folders = await replica.folders(scope);
  const children = new Map<string, string[]>();
  for (const folder of folders) {
    if (folder.parentId === undefined || folder.deletedAt) continue;
    children.set(folder.parentId, [...(children.get(folder.parentId) ?? []), folder.id]);
  }
  const subtree: string[] = [];
  const queue = [...roots];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    subtree.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  const known = new Set(folders.map((folder) => folder.id));
  const stored = subtree.filter((id) => known.has(id));
  if (stored.length === 0) return;
  for (const id of subtree) excluded.add(id);
  await replica.dropFolderItems(scope, stored);
  await replica.applyFolderChanges(
    scope,
    roots.filter((id) => known.has(id)).map((id) => ({ kind: 'deleted' as const, id })),
    at,
  );
}
