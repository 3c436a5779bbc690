import type { Entry } from 'ldapts';

/**
 * All values of an attribute as strings. ldapts returns a string for one value, an array for several and
 * an empty array for a requested attribute the entry lacks.
 */
export function values(entry: Entry, attribute: string): string[] {
  const raw = entry[attribute] ?? [];
  return (Array.isArray(raw) ? raw : [raw]).map((value) =>
    Buffer.isBuffer(value) ? value.toString('utf8') : value,
  );
}
