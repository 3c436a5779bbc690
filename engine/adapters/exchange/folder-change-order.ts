import type { FolderChange } from '../../ports/mailbox.ts';

const idOf = (change: FolderChange): string => (change.kind === 'deleted' ? change.id : change.folder.id);

/** One folder named twice in a round: the latest state, still new if the round created it. */
function merge(earlier: FolderChange | undefined, later: FolderChange): FolderChange | undefined {
  if (earlier?.kind !== 'created') return later;
  if (later.kind === 'deleted') return undefined; // created and deleted within the round: never there
  return { kind: 'created', folder: later.folder };
}

/**
 * A round's folder changes as the port promises them: each folder once, in its latest state, and a
 * folder after its parent when both are in the round. Neither protocol documents the order of its
 * hierarchy changes, and a round can name a folder twice: Graph documents replays and duplicates
 * inside a round (https://learn.microsoft.com/graph/delta-query-overview), and an EWS round of several
 * SyncFolderHierarchy responses can see a folder change between two of them.
 */
export function parentsFirst(changes: readonly FolderChange[]): FolderChange[] {
  const latest = new Map<string, FolderChange>();
  // Map.set on a known key keeps the first position and takes the merged change.
  for (const change of changes) {
    const id = idOf(change);
    const merged = merge(latest.get(id), change);
    if (merged) latest.set(id, merged);
    else latest.delete(id);
  }
  const out: FolderChange[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (change: FolderChange): void => {
    const id = idOf(change);
    if (placed.has(id) || visiting.has(id)) return; // a parent cycle cannot be ordered: keep the first seen
    visiting.add(id);
    const parentId = change.kind === 'deleted' ? undefined : change.folder.parentId;
    const parent = parentId === undefined ? undefined : latest.get(parentId);
    if (parent && parent.kind !== 'deleted') place(parent);
    visiting.delete(id);
    placed.add(id);
    out.push(change);
  };
  for (const change of latest.values()) place(change);
  return out;
}
