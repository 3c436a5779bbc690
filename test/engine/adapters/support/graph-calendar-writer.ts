import type { Client } from '@microsoft/microsoft-graph-client';
import type { CalendarWriter, NewEvent, OccurrenceRef } from './calendar-writer.ts';

/** Immutable ids, as the adapter asks for them, so the ids written here are the ids it reports. */
const PREFER = 'IdType="ImmutableId"';
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const dateTime = (iso: string) => ({ dateTime: iso.replace(/Z$/, ''), timeZone: 'UTC' });
const attendees = (list: NewEvent['required'], type: 'required' | 'optional') =>
  (list ?? []).map((a) => ({ type, emailAddress: { name: a.name, address: a.address } }));

/**
 * POST events (https://learn.microsoft.com/graph/api/user-post-events), PATCH and DELETE of an
 * instance (https://learn.microsoft.com/graph/api/event-update, event-delete), POST attachments
 * (https://learn.microsoft.com/graph/api/event-post-attachments) and POST calendars
 * (https://learn.microsoft.com/graph/api/user-post-calendars), app-only as the adapter signs in.
 */
export function graphCalendarWriter(client: Client): CalendarWriter {
  const user = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;
  const api = (path: string) => client.api(path).header('Prefer', PREFER);
  async function instanceId(mailbox: string, masterId: string, ref: OccurrenceRef): Promise<string> {
    const at = Date.parse(ref.originalStart);
    const page = (await api(`${user(mailbox)}/events/${encodeURIComponent(masterId)}/instances`)
      .query({
        startDateTime: new Date(at - 86_400_000).toISOString(),
        endDateTime: new Date(at + 86_400_000).toISOString(),
      })
      .get()) as { value: { id: string; originalStart?: string }[] };
    const found = page.value.find((i) => i.originalStart && Date.parse(i.originalStart) === at);
    if (!found) throw new Error(`No instance of ${masterId} starts at ${ref.originalStart}`);
    return found.id;
  }
  return {
    async createCalendar(mailbox, name) {
      const created = (await api(`${user(mailbox)}/calendars`).post({ name })) as { id: string };
      return created.id;
    },
    async createEvent(mailbox, calendarId, event) {
      const path = calendarId
        ? `${user(mailbox)}/calendars/${encodeURIComponent(calendarId)}/events`
        : `${user(mailbox)}/events`;
      const created = (await api(path).post({
        subject: event.subject,
        body: event.body,
        start: dateTime(event.start),
        end: dateTime(event.end),
        ...(event.location ? { location: { displayName: event.location } } : {}),
        attendees: [...attendees(event.required, 'required'), ...attendees(event.optional, 'optional')],
        ...(event.weekly
          ? {
              recurrence: {
                pattern: {
                  type: 'weekly',
                  interval: 1,
                  daysOfWeek: [DAYS[new Date(event.start).getUTCDay()]],
                  firstDayOfWeek: 'sunday',
                },
                range: {
                  type: 'numbered',
                  startDate: event.start.slice(0, 10),
                  numberOfOccurrences: event.weekly.count,
                },
              },
            }
          : {}),
      })) as { id: string };
      return created.id;
    },
    async addAttachment(mailbox, itemId, name, contentType, bytes) {
      await api(`${user(mailbox)}/events/${encodeURIComponent(itemId)}/attachments`).post({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name,
        contentType,
        contentBytes: bytes.toString('base64'),
      });
    },
    async updateOccurrence(mailbox, masterId, ref, change) {
      const id = await instanceId(mailbox, masterId, ref);
      await api(`${user(mailbox)}/events/${encodeURIComponent(id)}`).patch({
        subject: change.subject,
        start: dateTime(change.start),
        end: dateTime(change.end),
      });
    },
    async deleteOccurrence(mailbox, masterId, ref) {
      const id = await instanceId(mailbox, masterId, ref);
      await api(`${user(mailbox)}/events/${encodeURIComponent(id)}`).delete();
    },
    async updateSubject(mailbox, itemId, subject) {
      await api(`${user(mailbox)}/events/${encodeURIComponent(itemId)}`).patch({ subject });
    },
    async deleteEvent(mailbox, itemId) {
      await api(`${user(mailbox)}/events/${encodeURIComponent(itemId)}`).delete();
    },
  };
}
