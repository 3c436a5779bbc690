import { z } from 'zod';
import { WELL_KNOWN_FOLDERS } from './folder-scope.ts';

/**
 * Managed Folders (folder-based retention): a default policy for the whole mailbox, policies for
 * well-known folders, and named folders that the engine creates in every mailbox so users choose a
 * retention by moving mail into them. Deletion follows the archive-before-delete rule and a new
 * definition starts in report mode.
 */

/** Exchange MRM's own bound for a retention age (24,855 days ≈ 68 years). */
export const MAX_LIFESPAN_DAYS = 24855;

export const retentionPolicy = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('normal') }),
  z.strictObject({
    type: z.literal('exchange-delete'),
    action: z.enum(['move-to-deleted-items', 'soft-delete', 'hard-delete'], {
      message: 'must be one of move-to-deleted-items, soft-delete, hard-delete',
    }),
    lifespanDays: z.number().int().min(1).max(MAX_LIFESPAN_DAYS),
    deleteUnread: z.boolean().default(true),
  }),
]);

const managedFolderName = z
  .string()
  .max(255)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, { message: 'must not be empty' })
  .refine((s) => !/[\\/]/.test(s), { message: 'must be a single folder name without "/" or "\\"' });

export const managedFoldersSettings = z
  .strictObject({
    reportOnly: z.boolean().default(true),
    defaultPolicy: retentionPolicy.default({ type: 'normal' }),
    wellKnownFolderPolicies: z
      .array(
        z.strictObject({
          folder: z.enum(WELL_KNOWN_FOLDERS, { message: `must be one of ${WELL_KNOWN_FOLDERS.join(', ')}` }),
          policy: retentionPolicy,
        }),
      )
      .max(WELL_KNOWN_FOLDERS.length)
      .default([]),
    managedFolders: z
      .array(
        z.strictObject({
          name: managedFolderName,
          description: z.string().max(1000).default(''),
          policy: retentionPolicy,
        }),
      )
      .max(100)
      .default([]),
  })
  .superRefine((s, ctx) => {
    const seenFolders = new Set<string>();
    s.wellKnownFolderPolicies.forEach((p, i) => {
      if (seenFolders.has(p.folder))
        ctx.addIssue({
          code: 'custom',
          path: ['wellKnownFolderPolicies', i, 'folder'],
          message: 'has two policies',
        });
      seenFolders.add(p.folder);
    });
    const seenNames = new Set<string>();
    s.managedFolders.forEach((f, i) => {
      const key = f.name.toLowerCase();
      if (seenNames.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['managedFolders', i, 'name'],
          message: `"${f.name}" is listed twice`,
        });
      seenNames.add(key);
    });
  });

export type ManagedFoldersSettings = z.infer<typeof managedFoldersSettings>;
