import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** `target.emails[2]` from ['target', 'emails', 2]. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** Zod's own messages are generic ("Too small: …"); ours are written for admins and win. */
const isZodDefault = (message: string) => /^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(message);

/** Turns one zod issue into the field it concerns and a reason an admin can act on. */
export function describeIssue(issue: Issue): { path: PropertyKey[]; reason: string } {
  const path = [...issue.path];
  switch (issue.code) {
    case 'invalid_type': {
      if (!isZodDefault(issue.message)) return { path, reason: issue.message };
      if (issue.input === undefined) return { path, reason: 'is required' };
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return { path, reason: `must be ${expected}, not ${kindOf(issue.input)}` };
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const more = issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : '';
      return { path: [...path, key], reason: `is not a known field${more}` };
    }
    case 'too_big': {
      if (!isZodDefault(issue.message)) return { path, reason: issue.message };
      const input = issue.input;
      if (issue.origin === 'string' && typeof input === 'string')
        return {
          path,
          reason: `is ${input.length} characters long; at most ${String(issue.maximum)} are allowed`,
        };
      if (issue.origin === 'array' && Array.isArray(input))
        return { path, reason: `has ${input.length} entries; at most ${String(issue.maximum)} are allowed` };
      return { path, reason: `must be at most ${String(issue.maximum)}` };
    }
    case 'too_small': {
      if (!isZodDefault(issue.message)) return { path, reason: issue.message };
      if (issue.origin === 'string') return { path, reason: 'must not be empty' };
      if (issue.origin === 'array')
        return { path, reason: `must have at least ${String(issue.minimum)} entries` };
      return { path, reason: `must be at least ${String(issue.minimum)}` };
    }
    case 'invalid_union': {
      if (issue.discriminator && issue.errors.length === 0) {
        const field = issue.discriminator;
        const input = issue.input as Record<string, unknown> | undefined;
        const given = input && typeof input === 'object' ? input[field] : undefined;
        const options = 'options' in issue && issue.options ? issue.options.map(String).join(', ') : '';
        return {
          path: path[path.length - 1] === field ? path : [...path, field],
          reason:
            given === undefined
              ? `is required${options ? ` (one of ${options})` : ''}`
              : `${JSON.stringify(given)} is not allowed${options ? `; must be one of ${options}` : ''}`,
        };
      }
      // A field that takes two shapes (text or list): report the branch that got furthest.
      const branches = issue.errors.filter((b) => b.length > 0);
      const rootTypes = branches
        .map((b) => b[0])
        .filter((i) => i?.code === 'invalid_type' && i.path.length === 0);
      if (rootTypes.length === branches.length && rootTypes.length > 0) {
        const expected = rootTypes.map((i) =>
          i?.code === 'invalid_type' ? (EXPECTED[i.expected] ?? i.expected) : '',
        );
        return { path, reason: `must be ${expected.join(' or ')}, not ${kindOf(issue.input)}` };
      }
      const best =
        branches.find((b) => b.every((i) => i.code !== 'invalid_type' || i.path.length > 0)) ?? branches[0];
      const first = best?.[0];
      if (first) {
        const inner = describeIssue(first);
        return { path: [...path, ...inner.path], reason: inner.reason };
      }
      return { path, reason: 'does not match any allowed form' };
    }
    case 'invalid_value':
      if (issue.input === undefined) return { path, reason: 'is required' };
      return {
        path,
        reason: issue.message.startsWith('Invalid')
          ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
          : issue.message,
      };
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return { path, reason: issue.message };
  }
}
