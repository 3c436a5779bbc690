import { InputError } from '../../errors/index.ts';
import type { DirectoryGroup } from '../../ports/directory.ts';

/** Teams typeahead (Input.ChoiceSet with a dynamic data query) shows at most 15 choices. */
export const LOOKUP_LIMIT = 15;
export const MAX_QUERY_LENGTH = 256;

/**
 * The text an admin typed into "Lookup from AD", checked once for the live directory and the catalog
 * alike. Filter metacharacters are fine (they are escaped, and group names contain brackets); control
 * characters never belong in a name, so they are refused rather than searched for.
 */
export function lookupQuery(text: string): string {
  const query = text.trim();
  if (query.length === 0)
    throw new InputError('query', 'is empty; type the start of a group name, e-mail address or account name');
  if (query.length > MAX_QUERY_LENGTH)
    throw new InputError('query', `is ${query.length} characters long; at most ${MAX_QUERY_LENGTH}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(query))
    throw new InputError('query', 'contains a control character; type plain text');
  return query;
}

export function lookupLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return LOOKUP_LIMIT;
  return Math.min(LOOKUP_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Groups whose name, mail or account name starts with the query (case-insensitive), best first: an exact
 * match, then name matches, then the rest, each alphabetically by name. Live lookups and the catalog
 * rank the same way, so the bot shows the same list whichever answered.
 */
export function rankGroups(
  groups: readonly DirectoryGroup[],
  query: string,
  limit: number,
): DirectoryGroup[] {
  const q = query.toLowerCase();
  const fields = (g: DirectoryGroup) =>
    [g.name, g.mail, g.accountName].filter((f): f is string => f !== undefined).map((f) => f.toLowerCase());
  const score = (g: DirectoryGroup): number => {
    const f = fields(g);
    if (f.includes(q)) return 0;
    return g.name.toLowerCase().startsWith(q) ? 1 : 2;
  };
  return groups
    .filter((g) => fields(g).some((f) => f.startsWith(q)))
    .map((g) => ({ g, s: score(g) }))
    .sort((a, b) => a.s - b.s || a.g.name.localeCompare(b.g.name, 'en', { sensitivity: 'base' }))
    .slice(0, limit)
    .map(({ g }) => g);
}
