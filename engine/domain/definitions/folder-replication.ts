import { z } from 'zod';
import { timeOfDay, timeZoneField, weekdays } from '../fields.ts';

/**
 * Mailbox Folder Replication: the folder tree and per-message folder metadata go to the platform.
 * Settings follow the MSE definition: exclude Inbox / Sent Items / Deleted Items (each with its
 * subfolders), include archive shortcut (stub) messages or not, and windows in which a full
 * (non-incremental) sync must not start.
 */
const exclusionWindow = z.strictObject({
  days: weekdays.default(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  /** Windows may cross midnight: 22:00–06:00 means overnight. */
  start: timeOfDay,
  end: timeOfDay,
});

export const folderReplicationSettings = z.strictObject({
  excludeInbox: z.boolean().default(false),
  excludeSentItems: z.boolean().default(false),
  excludeDeletedItems: z.boolean().default(false),
  includeArchiveStubs: z.boolean().default(false),
  fullSyncExclusion: z
    .strictObject({
      timeZone: timeZoneField.default('UTC'),
      windows: z.array(exclusionWindow).max(28).default([]),
    })
    .default({ timeZone: 'UTC', windows: [] }),
});

export type FolderReplicationSettings = z.infer<typeof folderReplicationSettings>;
