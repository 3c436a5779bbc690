/** xs:dateTime as Exchange writes it: UTC with a Z and no fractional seconds. */
export function ewsDateTime(iso: string): string {
  const ms = Date.parse(iso);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Parses an xs:dateTime from a request (any offset) into ISO UTC; undefined when invalid. */
export function parseEwsDateTime(text: string): string | undefined {
  const trimmed = text.trim();
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(trimmed) || !/T/.test(trimmed) ? trimmed : `${trimmed}Z`);
  if (Number.isNaN(ms)) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** xs:date as Exchange writes recurrence dates: `2025-03-01Z`. */
export function ewsDate(date: string): string {
  return `${date.slice(0, 10)}Z`;
}

export function parseEwsDate(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim());
  return match?.[1];
}
