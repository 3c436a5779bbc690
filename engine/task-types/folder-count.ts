import { z } from 'zod';
import type { FolderCountSettings } from '../domain/definitions/folder-count.ts';
import type { DefinitionRecord } from '../domain/records.ts';
import type { MailboxPass, PassResult, TaskTypeHandler } from './task-type.ts';

const folderCountState = z.object({ submissions: z.number().int().nonnegative(), folders: z.number() });
type FolderCountState = z.infer<typeof folderCountState>;

/**
 * The runtime's built-in diagnostic: reads a mailbox's folder list through EWS or Graph and submits
 * the folder count. It proves a site end to end (directory, Exchange, worker, platform, status) before
 * the real task types do anything to mailboxes.
 */
export const folderCount: TaskTypeHandler<FolderCountSettings, FolderCountState> = {
  checkpointSchema: folderCountState,
  settingsOf: (definition: DefinitionRecord) => definition.settings as FolderCountSettings,
  async runPass(pass: MailboxPass<FolderCountSettings, FolderCountState>): Promise<PassResult> {
    pass.report(`Reading the folder list of ${pass.mailbox}`);
    const { folders } = await pass.exchange.listFolders(pass.mailbox, pass.signal);
    const previous = pass.checkpoint?.submissions ?? 0;
    await pass.submit(
      { kind: 'folder-count', mailbox: pass.mailbox, folders: folders.length, at: new Date().toISOString() },
      { submissions: previous + 1, folders: folders.length },
      { final: true },
    );
    return { complete: true };
  },
};
