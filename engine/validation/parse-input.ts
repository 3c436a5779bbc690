import type { z } from 'zod';
import { InputError } from '../errors/index.ts';
import { describeIssue, formatPath } from './describe-issue.ts';

/**
 * Validates untrusted input (a CLI file, a card submission) against a schema. The first problem becomes
 * an InputError naming the field, so every front-end shows the same one-line reason.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fieldPrefix: readonly PropertyKey[] = [],
): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new InputError(formatPath(fieldPrefix), 'is not valid');
  const { path, reason } = describeIssue(issue);
  throw new InputError(formatPath([...fieldPrefix, ...path]), reason);
}
