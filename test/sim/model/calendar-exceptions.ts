import type { ItemBody, Sensitivity } from './item-record.ts';

/**
 * A changed or cancelled occurrence of a recurring series. Exchange keeps these on the series master
 * (as exceptions); an occurrence is identified by its original start, which never changes, so a moved
 * occurrence keeps its identity. Fields left out are the master's. The Graph endpoint writes and reads
 * them; EWS reads them (CalendarView, occurrence ids, FirstOccurrence/LastOccurrence).
 */
export interface OccurrenceException {
  /** ISO 8601 UTC start the occurrence had from the pattern. */
  originalStart: string;
  /** Cancelled (deleted) occurrence: no longer shown. */
  deleted?: boolean;
  start?: string;
  end?: string;
  subject?: string;
  body?: ItemBody;
  sensitivity?: Sensitivity;
  location?: string;
  /** ISO 8601 UTC, when the exception last changed. */
  lastModifiedAt: string;
}

/** The series' exceptions with `exception` in place of any earlier one for the same original start. */
export function withOccurrenceException<T extends { exceptions?: OccurrenceException[] }>(
  calendar: T,
  exception: OccurrenceException,
): T {
  const at = Date.parse(exception.originalStart);
  const others = (calendar.exceptions ?? []).filter((e) => Date.parse(e.originalStart) !== at);
  return { ...calendar, exceptions: [...others, exception] };
}
