import { z } from 'zod';

/**
 * Which folders a storage-management definition looks at. Folders are named by well-known name
 * ("inbox", "sentitems", …) or by path from the top of the mailbox ("Projects/2019").
 */
export const WELL_KNOWN_FOLDERS = [
  'inbox',
  'sentitems',
  'deleteditems',
  'drafts',
  'junkemail',
  'outbox',
  'archive',
] as const;
export type WellKnownFolder = (typeof WELL_KNOWN_FOLDERS)[number];

export const folderPath = z
  .string()
  .max(1024)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, { message: 'must not be empty' })
  .refine((s) => !s.split('/').some((part) => part.trim().length === 0), {
    message: 'has an empty folder name between "/" separators',
  });

export const folderScope = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('all') }),
    z.strictObject({
      mode: z.literal('include'),
      folders: z.array(folderPath).min(1, { message: 'must list at least one folder' }).max(500),
      includeSubfolders: z.boolean().default(true),
    }),
    z.strictObject({
      mode: z.literal('exclude'),
      folders: z.array(folderPath).min(1, { message: 'must list at least one folder' }).max(500),
      includeSubfolders: z.boolean().default(true),
    }),
  ])
  .default({ mode: 'all' });

export type FolderScope = z.infer<typeof folderScope>;
