import { describeWindow, windowAt } from '../../domain/exclusion-windows.ts';
import type { FolderReplicationSettings } from '../../domain/definitions/folder-replication.ts';
import type { DefinitionRecord } from '../../domain/records.ts';
import type { MailboxPass, PassResult, TaskTypeHandler } from '../task-type.ts';
import { replicateFolder } from './folder-items-pass.ts';
import { excludedWellKnownFolders, syncHierarchy } from './hierarchy-pass.ts';
import { initialState, replicationState, type ReplicationState } from './replication-state.ts';

type Pass = MailboxPass<FolderReplicationSettings, ReplicationState>;

/**
 * Mailbox Folder Replication (MSE §1.1): the folder tree and every message's metadata and location
 * history go to the platform replica. The first run of a mailbox is a full sync; later runs are
 * incremental from the saved hierarchy and per-folder sync states. A mailbox that still needs its
 * full sync waits while a full-sync exclusion window is open; incremental mailboxes run.
 */
export const folderReplication: TaskTypeHandler<FolderReplicationSettings, ReplicationState> = {
  checkpointSchema: replicationState,
  settingsOf: (definition: DefinitionRecord) => definition.settings as FolderReplicationSettings,
  async runPass(pass: Pass): Promise<PassResult> {
    let state = pass.checkpoint ?? initialState(excludedWellKnownFolders(pass.settings));
    if (!state.initialSyncDone) {
      const { fullSyncExclusion } = pass.settings;
      const window = windowAt(pass.now(), fullSyncExclusion);
      if (window)
        return {
          complete: false,
          deferred: `needs a full sync, which the definition does not allow now (${describeWindow(window, fullSyncExclusion.timeZone)}); it runs at the next run outside the window`,
        };
    }
    pass.report(`Reading the folder tree of ${pass.mailbox}`);
    state = await syncHierarchy(pass, state);
    const folders = (await pass.platform.replica.folders(pass.platform.scope)).filter((f) => !f.deletedAt);
    state = keepStatesOf(state, new Set(folders.map((f) => f.id)));
    const done = new Set(state.progress?.runId === pass.runId ? state.progress.done : []);
    let budget = pass.itemBudget;
    for (const folder of folders) {
      if (done.has(folder.id)) continue;
      const result = await replicateFolder(pass, folder, withProgress(state, pass.runId, done), budget);
      state = result.state;
      budget -= result.handled;
      if (!result.finished) return { complete: false };
      done.add(folder.id);
      // The folders after this one keep their states; the next pass continues where this one stopped.
      if (budget <= 0 && folders.some((f) => !done.has(f.id))) return { complete: false };
    }
    const { progress: _finished, ...rest } = state;
    await pass.complete({ ...rest, initialSyncDone: true });
    return { complete: true };
  },
};

function withProgress(state: ReplicationState, runId: string, done: ReadonlySet<string>): ReplicationState {
  return { ...state, progress: { runId, done: [...done] } };
}

/** Drops the sync states of folders that left the replica (deleted, or now excluded). */
function keepStatesOf(state: ReplicationState, live: ReadonlySet<string>): ReplicationState {
  const folders = Object.fromEntries(Object.entries(state.folders).filter(([id]) => live.has(id)));
  return { ...state, folders };
}
