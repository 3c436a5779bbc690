import type { CalendarFields, OccurrenceException } from '../../model/index.ts';
import type { Occurrence } from './expand-recurrence.ts';
import { expandOccurrences, overlaps } from './expand-recurrence.ts';

/**
 * The instances of a recurring series: occurrences from the pattern, with exceptions applied
 * (https://learn.microsoft.com/graph/api/resources/event: type occurrence or exception). A cancelled
 * occurrence disappears; a changed one keeps its id (made from its original start) and may move in or out
 * of a time window.
 */
export interface SeriesInstance extends Occurrence {
  originalStart: string;
  exception?: OccurrenceException;
}

function withException(occurrence: Occurrence, exception: OccurrenceException | undefined): SeriesInstance {
  return {
    start: exception?.start ?? occurrence.start,
    end: exception?.end ?? occurrence.end,
    originalStart: occurrence.start,
    ...(exception ? { exception } : {}),
  };
}

/** The pattern occurrence that starts at `originalStart`, if the pattern has one. */
function patternOccurrence(calendar: CalendarFields, originalStart: string): Occurrence | undefined {
  const at = Date.parse(originalStart);
  return expandOccurrences(calendar, at, at + 1).find((o) => Date.parse(o.start) === at);
}

/** Instances of the series that overlap [windowStart, windowEnd), by start time. */
export function seriesInstances(
  calendar: CalendarFields,
  windowStart: number,
  windowEnd: number,
): SeriesInstance[] {
  const exceptions = new Map((calendar.exceptions ?? []).map((e) => [Date.parse(e.originalStart), e]));
  const out: SeriesInstance[] = [];
  const seen = new Set<number>();
  for (const occurrence of expandOccurrences(calendar, windowStart, windowEnd)) {
    const original = Date.parse(occurrence.start);
    seen.add(original);
    const exception = exceptions.get(original);
    if (exception?.deleted) continue;
    const instance = withException(occurrence, exception);
    if (overlaps(instance.start, instance.end, windowStart, windowEnd)) out.push(instance);
  }
  // Exceptions moved into the window from an original time outside it.
  for (const [original, exception] of exceptions) {
    if (seen.has(original) || exception.deleted || !exception.start || !exception.end) continue;
    if (!overlaps(exception.start, exception.end, windowStart, windowEnd)) continue;
    const occurrence = patternOccurrence(calendar, exception.originalStart);
    if (occurrence) out.push(withException(occurrence, exception));
  }
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** The instance whose original start is `originalStart`; undefined if there is none or it was cancelled. */
export function occurrenceAt(calendar: CalendarFields, originalStart: string): SeriesInstance | undefined {
  const occurrence = patternOccurrence(calendar, originalStart);
  if (!occurrence) return undefined;
  const at = Date.parse(originalStart);
  const exception = (calendar.exceptions ?? []).find((e) => Date.parse(e.originalStart) === at);
  return exception?.deleted ? undefined : withException(occurrence, exception);
}

/** `20260302T090000` (an occurrence id's stamp) → ISO 8601 UTC. */
export function stampToIso(stamp: string): string {
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
}
