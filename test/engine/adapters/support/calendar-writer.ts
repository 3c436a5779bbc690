/**
 * What a mailbox user does to a calendar, through the protocol of the adapter under test (EWS through
 * ews-javascript-api, Graph through microsoft-graph-client), so the calendar contract reads back what
 * Exchange made of real client requests rather than of records put into the model.
 */
export interface NewEvent {
  readonly subject: string;
  /** ISO UTC */
  readonly start: string;
  readonly end: string;
  readonly body: { readonly contentType: 'text' | 'html'; readonly content: string };
  readonly location?: string;
  readonly required?: readonly { name: string; address: string }[];
  readonly optional?: readonly { name: string; address: string }[];
  /** A weekly series on one day, `count` times from the start's date. */
  readonly weekly?: { readonly count: number };
}

/** One occurrence of a series: its 1-based place in the pattern and the start it has there. */
export interface OccurrenceRef {
  readonly index: number;
  readonly originalStart: string;
}

export interface CalendarWriter {
  /** A new calendar folder; returns its id as the adapter names it. */
  createCalendar(mailbox: string, name: string): Promise<string>;
  /** A new event in the calendar (undefined: the default one); returns its id as the adapter names it. */
  createEvent(mailbox: string, calendarId: string | undefined, event: NewEvent): Promise<string>;
  addAttachment(
    mailbox: string,
    itemId: string,
    name: string,
    contentType: string,
    bytes: Buffer,
  ): Promise<void>;
  /** Changes one occurrence of a series (it becomes an exception). */
  updateOccurrence(
    mailbox: string,
    masterId: string,
    occurrence: OccurrenceRef,
    change: { subject: string; start: string; end: string },
  ): Promise<void>;
  /** Cancels one occurrence of a series. */
  deleteOccurrence(mailbox: string, masterId: string, occurrence: OccurrenceRef): Promise<void>;
  updateSubject(mailbox: string, itemId: string, subject: string): Promise<void>;
  deleteEvent(mailbox: string, itemId: string): Promise<void>;
}
