import { z } from 'zod';

/**
 * The built-in diagnostic type: count each mailbox's folders through EWS or Graph and submit the count.
 * It changes nothing in mailboxes and has no settings; it exists to prove a site end to end.
 */
export const folderCountSettings = z.strictObject({});

export type FolderCountSettings = z.infer<typeof folderCountSettings>;
