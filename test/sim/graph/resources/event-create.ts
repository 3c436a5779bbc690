import { randomUUID } from 'node:crypto';
import type { CalendarFields, MailboxRecord, NewItem } from '../../model/index.ts';
import type { GraphServices } from '../graph-services.ts';
import { jsonBody } from '../http/graph-request.ts';
import { errors, json } from '../http/graph-response.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { calendarJson } from '../serialize/folder-json.ts';
import { calendarFolder } from './calendar-routes.ts';
import { eventChange } from './event-body.ts';
import { renderItem } from './render-message.ts';

/**
 * Creating events and calendars. `POST /users/{id}/events` (default calendar,
 * https://learn.microsoft.com/graph/api/user-post-events) and `POST /users/{id}/calendars/{id}/events`
 * (https://learn.microsoft.com/graph/api/calendar-post-events) take an event, single or a recurring series
 * with `recurrence`, and answer 201 with it; the mailbox owner is the organizer. `POST
 * /users/{id}/calendars` (https://learn.microsoft.com/graph/api/user-post-calendars) creates a calendar
 * (below the default Calendar folder, where Outlook keeps secondary calendars); a name already taken is
 * 409 ErrorFolderExists.
 */
export function checkTimes(calendar: Pick<CalendarFields, 'start' | 'end'>): void {
  if (Date.parse(calendar.end) < Date.parse(calendar.start)) {
    throw errors.badRequest(
      'The end time of an event cannot be before its start time.',
      'ErrorInvalidRequest',
    );
  }
}

function newEvent(mailbox: MailboxRecord, body: Record<string, unknown>): NewItem {
  const { patch, calendar } = eventChange(body);
  const { start, end, recurrence, ...rest } = calendar;
  if (!start || !end) throw errors.badRequest('An event needs start and end.', 'ErrorInvalidRequest');
  checkTimes({ start, end });
  const { setExtendedProperties, removeExtendedProperties: _unused, ...fields } = patch;
  return {
    kind: 'calendar',
    ...fields,
    isRead: true,
    calendar: {
      uid: `040000008200E00074C5B7101A82E008${randomUUID().replace(/-/g, '').toUpperCase()}`,
      start,
      end,
      isAllDay: false,
      location: '',
      organizer: { name: mailbox.displayName, address: mailbox.primarySmtp },
      requiredAttendees: [],
      optionalAttendees: [],
      showAs: 'Busy',
      ...rest,
      ...(recurrence ? { recurrence } : {}),
    },
    ...(setExtendedProperties ? { extendedProperties: setExtendedProperties } : {}),
  };
}

export function eventCreateRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  const createEvent = (context: MailboxContext) => {
    const folder = calendarFolder(services, context);
    const created = model.createItem(folder.id, newEvent(context.mailbox, jsonBody(context.request)));
    return json(renderItem(services, created, context.options), 201);
  };
  return [
    ...[
      ['users/:user/events', 'user-post-events'],
      ['users/:user/calendar/events', 'calendar-post-events'],
      ['users/:user/calendars/:calendar/events', 'calendar-post-events'],
    ].map(([path, operation]): MailboxRoute => ({
      method: 'POST',
      path: path ?? '',
      operation: operation ?? '',
      scope: 'mailbox',
      handle: createEvent,
    })),
    {
      method: 'POST',
      path: 'users/:user/calendars',
      operation: 'user-post-calendars',
      scope: 'mailbox',
      handle: (context) => {
        const name = jsonBody(context.request)['name'];
        if (typeof name !== 'string' || !name.trim())
          throw errors.badRequest('name is required.', 'ErrorInvalidRequest');
        const parent = model.wellKnownFolder(context.mailbox.id, 'calendar');
        if (!parent) throw errors.notFound();
        const created = model.createFolder(parent.id, { displayName: name, folderClass: 'IPF.Appointment' });
        const owner = { name: context.mailbox.displayName, address: context.mailbox.primarySmtp };
        return json(calendarJson(created, owner, false), 201);
      },
    },
  ];
}
