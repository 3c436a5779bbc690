import { z } from 'zod';
import { descriptionField } from './fields.ts';

/**
 * A site is one engine instance on a host (MSE "Synchronization Engine Site"). Admins own its code,
 * description and enabled flag; the site itself reports version, host and last active elsewhere.
 */
export const siteCode = z
  .string()
  .max(40)
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => /^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$|^[a-z0-9]$/.test(s), {
    message:
      'must be 1–40 letters, digits or "-", starting and ending with a letter or digit (e.g. "lon-01")',
  });

export const siteInputSchema = z.strictObject({
  code: siteCode,
  description: descriptionField,
  enabled: z.boolean().default(true),
});

export const siteUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  code: siteCode.optional(),
  description: z.string().max(1000).optional(),
  enabled: z.boolean().optional(),
});

export type SiteInput = z.infer<typeof siteInputSchema>;
