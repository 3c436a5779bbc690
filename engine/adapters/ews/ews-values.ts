/** A property the server did not send throws when read (ServiceObjectPropertyException); absent here. */
export function optional<T>(read: () => T): T | undefined {
  try {
    return read() ?? undefined;
  } catch {
    return undefined;
  }
}

/** ISO 8601 UTC with milliseconds, whatever precision the server sent; undefined if unparsable. */
export function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
