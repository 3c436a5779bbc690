import { z } from 'zod';
import { taskTypeSchema } from './definitions/index.ts';
import { descriptionField, nameField } from './fields.ts';
import { targetSchema } from './target.ts';

/** A reference to another record typed by an admin: its id or its name (a site: its code). */
export const referenceField = z
  .string()
  .max(200)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, { message: 'must name a record (by name or id)' });

/** An Exchange task: site + type + definition + schedule + target (MSE "Exchange Task"). */
export const taskInputSchema = z.strictObject({
  name: nameField,
  description: descriptionField,
  site: referenceField,
  type: taskTypeSchema,
  definition: referenceField,
  schedule: referenceField,
  target: targetSchema,
  enabled: z.boolean().default(true),
});

/**
 * After creation only the schedule and the definition change what a task does (MSE "Changing a Task");
 * enabled and description are bookkeeping. The fixed fields are accepted only when unchanged so an
 * admin can send back what `show` printed.
 */
export const taskUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  schedule: referenceField.optional(),
  definition: referenceField.optional(),
  enabled: z.boolean().optional(),
  description: z.string().max(1000).optional(),
  name: z.unknown().optional(),
  site: z.unknown().optional(),
  type: z.unknown().optional(),
  target: z.unknown().optional(),
});

export type TaskInput = z.infer<typeof taskInputSchema>;
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;
