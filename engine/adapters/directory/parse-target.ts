import { targetSchema, type Target } from '../../domain/target.ts';
import { parseInput } from '../../validation/parse-input.ts';

/**
 * A target from an admin's file: the target object itself, or any record holding one under `target`
 * (such as `exsync task show --json`). Invalid input is one InputError naming the field.
 */
export function parseTarget(input: unknown): Target {
  const wrapped =
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    'target' in input &&
    !('kind' in input);
  return wrapped
    ? parseInput(targetSchema, input.target, ['target'])
    : parseInput(targetSchema, input, ['target']);
}
