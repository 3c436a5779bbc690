/**
 * `$select`: keep only the named properties (case-insensitive), plus `id` and OData annotations, which
 * Graph always returns (https://learn.microsoft.com/graph/query-parameters#select-parameter).
 */
export function applySelect(
  entity: Record<string, unknown>,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  if (!select || select.length === 0) return entity;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === 'id' || key.startsWith('@odata.') || wanted.has(key.toLowerCase())) out[key] = value;
  }
  return out;
}

/** Property names an entity type knows, for rejecting `$select` of unknown properties. */
export function unknownSelected(
  select: readonly string[] | undefined,
  known: readonly string[],
): string | undefined {
  if (!select) return undefined;
  const names = new Set(known.map((k) => k.toLowerCase()));
  return select.find((s) => !names.has(s.toLowerCase()));
}
