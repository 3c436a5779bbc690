import type { ItemBody, Sensitivity } from './item-record.ts';

/**
 * A changed or cancelled occurrence of a recurring series. Exchange keeps these on the series master
 * (as exceptions); an occurrence is identified by its original start, which never changes, so a moved
 * occurrence keeps its identity. Fields left out are the master's. Only the Graph endpoint reads them
 * today (EWS does not serve occurrences).
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
