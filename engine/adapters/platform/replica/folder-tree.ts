/** One folder row as stored (see schema.ts). */
export interface FolderRow {
  readonly id: string;
  readonly parent_id: string | null;
  readonly name: string;
  readonly well_known: string | null;
  readonly first_seen: string;
  readonly last_seen: string;
  readonly deleted_at: string | null;
}

export interface TreeFolder {
  readonly row: FolderRow;
  /** The parent when it is a replicated folder; absent under the top of the information store. */
  readonly parentId?: string;
  readonly path: string;
}

/**
 * A mailbox's folder tree with each folder's path, computed from the parent links at read time: a
 * rename or move updates one row and the paths of its whole subtree (and of every item in it) follow.
 * A folder whose parent is not replicated (msgfolderroot, or a parent never reported) is top-level.
 */
export class FolderTree {
  readonly ordered: readonly TreeFolder[];
  private readonly byId = new Map<string, TreeFolder>();
  private readonly children = new Map<string, FolderRow[]>();

  constructor(rows: readonly FolderRow[]) {
    const ids = new Set(rows.map((r) => r.id));
    const tops: FolderRow[] = [];
    for (const row of rows) {
      if (row.parent_id !== null && ids.has(row.parent_id) && row.parent_id !== row.id) {
        const siblings = this.children.get(row.parent_id) ?? [];
        siblings.push(row);
        this.children.set(row.parent_id, siblings);
      } else tops.push(row);
    }
    const ordered: TreeFolder[] = [];
    const visit = (row: FolderRow, parent: TreeFolder | undefined) => {
      if (this.byId.has(row.id)) return; // a cycle in the links: show each folder once
      const segment = escapeSegment(row.name);
      const folder: TreeFolder = parent
        ? { row, parentId: parent.row.id, path: `${parent.path}/${segment}` }
        : { row, path: segment };
      this.byId.set(row.id, folder);
      ordered.push(folder);
      for (const child of sortByName(this.children.get(row.id) ?? [])) visit(child, folder);
    };
    for (const top of sortByName(tops)) visit(top, undefined);
    // Folders caught in a parent cycle were never reached from a top: show them as top-level.
    for (const row of sortByName(rows.filter((r) => !this.byId.has(r.id)))) visit(row, undefined);
    this.ordered = ordered;
  }

  get(id: string): TreeFolder | undefined {
    return this.byId.get(id);
  }

  /** The path of a folder, or of a folder no longer replicated (its id, so nothing is hidden). */
  pathOf(id: string): string {
    return this.byId.get(id)?.path ?? `(unknown folder ${id})`;
  }

  /** The given folders and everything under them. */
  subtree(ids: readonly string[]): string[] {
    const out = new Set<string>();
    const walk = (id: string) => {
      if (out.has(id)) return;
      out.add(id);
      for (const child of this.children.get(id) ?? []) walk(child.id);
    };
    ids.forEach(walk);
    return [...out];
  }

  /** Folders shown with this path (a deleted folder and a live one may share it). */
  idsWithPath(path: string): string[] {
    return this.ordered.filter((f) => f.path === path).map((f) => f.row.id);
  }
}

/** A "/" inside a folder name is written "\/" so paths stay unambiguous. */
export function escapeSegment(name: string): string {
  return name.replace(/\//g, '\\/');
}

function sortByName(rows: readonly FolderRow[]): FolderRow[] {
  return [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}
