/** Returns the canonical IANA name of a time zone (e.g. "utc" → "UTC"), or undefined if Node's ICU does not know it. */
export function canonicalTimeZone(name: string): string | undefined {
  // Offsets such as "+01:00" are accepted by newer ICU versions but are not IANA zones and have no DST rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
