import { z } from 'zod';

/** Where one mail folder's item sync stands. */
const folderSyncState = z.object({
  /** The adapter's opaque item sync state; absent until the first page of a full round is stored. */
  syncState: z.string().optional(),
  /**
   * Set while a full round of this folder is under way (first sync, or the state was lost): when the
   * round ends, rows the round did not see are gone from Exchange.
   */
  fullSince: z.string().optional(),
});

/**
 * Folder Replication's state for one mailbox of one task, saved with every submission. Kept small:
 * the folder tree itself lives in the replica tables, not here.
 */
export const replicationState = z.object({
  hierarchy: z.object({ syncState: z.string().optional() }),
  /** The well-known folders the definition excluded when `excluded` was computed. */
  excludedWellKnown: z.array(z.string()),
  /** Folders not stored: the excluded well-known folders and everything under them. */
  excluded: z.array(z.string()),
  folders: z.record(z.string(), folderSyncState),
  /** True once the mailbox's first full sync finished; until then it needs a full sync. */
  initialSyncDone: z.boolean(),
  /**
   * Folders whose round ended in the current run, so a pass that resumes after the item budget ran
   * out goes on with the next folder instead of asking every finished one again.
   */
  progress: z.object({ runId: z.string(), done: z.array(z.string()) }).optional(),
});

export type ReplicationState = z.infer<typeof replicationState>;
export type FolderSyncState = z.infer<typeof folderSyncState>;

export function initialState(excludedWellKnown: readonly string[]): ReplicationState {
  return {
    hierarchy: {},
    excludedWellKnown: [...excludedWellKnown],
    excluded: [],
    folders: {},
    initialSyncDone: false,
  };
}
