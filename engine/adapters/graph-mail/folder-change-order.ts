import type { FolderChange } from '../../ports/mailbox.ts';

const idOf = (change: FolderChange): string => (change.kind === 'deleted' ? change.id : change.folder.id);

/**
 * A round's folder changes as the port promises them: each folder once, in its latest state (Graph
 * documents replays and duplicates inside a round, https://learn.microsoft.com/graph/delta-query-overview),
 * and a folder after its parent when both are in the round. Graph does not document the order of
 * mailFolders/delta, so the adapter does not rely on it.
 */
export function parentsFirst(changes: readonly FolderChange[]): FolderChange[] {
  const latest = new Map<string, FolderChange>();
  // Map.set on a known key keeps the first position and takes the latest change.
  for (const change of changes) latest.set(idOf(change), change);
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
