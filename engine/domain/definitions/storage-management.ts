import { z } from 'zod';
import { folderScope } from './folder-scope.ts';

/**
 * Mailbox Storage Management: shrink mailboxes by deleting or stubbing items that match age, size and
 * folder criteria. An item is only touched when a verified copy is in the archive, flagged items are
 * never touched, and a new definition starts in report mode (a dry run) until an admin turns it off.
 */
export const STORAGE_ACTIONS = [
  'message-delete',
  'full-message-stub',
  'attachment-stub',
  'attachment-stub-link',
] as const;

export const storageManagementSettings = z
  .strictObject({
    action: z.enum(STORAGE_ACTIONS, { message: `must be one of ${STORAGE_ACTIONS.join(', ')}` }),
    olderThanDays: z.number().int().min(0).max(36500),
    largerThanKB: z
      .number()
      .int()
      .min(0)
      .max(10 * 1024 * 1024)
      .default(0),
    folders: folderScope,
    reportOnly: z.boolean().default(true),
  })
  .superRefine((s, ctx) => {
    if (s.action === 'message-delete' && s.olderThanDays === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['olderThanDays'],
        message: 'must be at least 1 for message-delete (0 would delete mail on the day it arrives)',
      });
  });

export type StorageManagementSettings = z.infer<typeof storageManagementSettings>;
