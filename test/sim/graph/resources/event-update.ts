import type { CalendarFields, ItemPatch, OccurrenceException } from '../../model/index.ts';
import { withOccurrenceException } from '../../model/calendar-exceptions.ts';
import { isoNow } from '../../model/record-edits.ts';
import type { SeriesInstance } from '../calendar/series.ts';
import { seriesInstances } from '../calendar/series.ts';
import { viewWindow } from '../calendar/instances.ts';
import type { GraphServices } from '../graph-services.ts';
import { jsonBody } from '../http/graph-request.ts';
import { errors, GraphHttpError, json, noContent } from '../http/graph-response.ts';
import { collection, OUTLOOK_PAGE, takePage } from '../odata/list-paging.ts';
import { applySelect } from '../odata/select.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { eventJson } from '../serialize/event-json.ts';
import { EVENT_BASES } from './attachment-routes.ts';
import type { EventChange } from './event-body.ts';
import { eventChange } from './event-body.ts';
import { checkTimes } from './event-create.ts';
import type { EventTarget } from './event-target.ts';
import { resolveEvent } from './event-target.ts';
import { renderItem } from './render-message.ts';

/**
 * Changing events (https://learn.microsoft.com/graph/api/event-update): on a single event or a series
 * master the change applies to the item (a master's subject, body or sensitivity shows on every
 * occurrence that does not override it); on an occurrence it makes that occurrence an exception
 * (type `exception`, same id). Deleting (https://learn.microsoft.com/graph/api/event-delete) a single
 * event or master moves it to Deleted Items; deleting an occurrence cancels just that one. Instances of a
 * series in a time range (https://learn.microsoft.com/graph/api/event-list-instances) are its
 * occurrences and exceptions.
 */
const EXCEPTION_FIELDS = new Set(['subject', 'body', 'start', 'end', 'sensitivity', 'location']);

function seriesChange(current: CalendarFields, change: EventChange): CalendarFields {
  const { recurrence, ...rest } = change.calendar;
  const next: CalendarFields = { ...current, ...rest };
  // Outlook cancels a series' exceptions when its times or pattern change: they no longer line up.
  if (rest.start || rest.end || recurrence !== undefined) delete next.exceptions;
  if (recurrence === null) {
    delete next.recurrence;
    delete next.exceptions;
  } else if (recurrence) next.recurrence = recurrence;
  checkTimes(next);
  return next;
}

function exceptionOf(
  occurrence: SeriesInstance,
  body: Record<string, unknown>,
  change: EventChange,
  now: string,
): OccurrenceException {
  const refused = Object.keys(body).find((key) => !EXCEPTION_FIELDS.has(key) && key !== '@odata.type');
  if (refused) {
    throw new GraphHttpError(
      400,
      'ErrorInvalidRequest',
      `The simulator cannot change '${refused}' on a single occurrence; change the series master instead.`,
    );
  }
  const exception: OccurrenceException = {
    ...occurrence.exception,
    originalStart: occurrence.originalStart,
    lastModifiedAt: now,
  };
  const { patch, calendar } = change;
  if (patch.subject !== undefined) exception.subject = patch.subject;
  if (patch.body) exception.body = patch.body;
  if (patch.sensitivity) exception.sensitivity = patch.sensitivity;
  if (calendar.location !== undefined) exception.location = calendar.location;
  if (calendar.start) exception.start = calendar.start;
  if (calendar.end) exception.end = calendar.end;
  checkTimes({ start: exception.start ?? occurrence.start, end: exception.end ?? occurrence.end });
  return exception;
}

function render(services: GraphServices, context: MailboxContext, target: EventTarget) {
  const { master, occurrence } = target;
  if (!occurrence) return renderItem(services, master, context.options);
  const value = eventJson(master, context.options.immutableIds, context.mailbox.primarySmtp, occurrence);
  return applySelect(value, context.options.select);
}

export function eventUpdateRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  const target = (context: MailboxContext) =>
    resolveEvent(model, context.mailbox, context.params['event'] ?? '');
  const now = () => isoNow(new Date(services.clock()));
  const routes: MailboxRoute[] = [];
  for (const base of EVENT_BASES) {
    routes.push(
      {
        method: 'PATCH',
        path: base,
        operation: 'event-update',
        scope: 'mailbox',
        handle: (context) => {
          const { master, occurrence } = target(context);
          const calendar = master.calendar;
          if (!calendar) throw errors.notFound();
          const body = jsonBody(context.request);
          const change = eventChange(body);
          if (!occurrence) {
            const patch: ItemPatch = { ...change.patch, calendar: seriesChange(calendar, change) };
            const updated = model.updateItem(master.id, patch);
            return json(render(services, context, { master: updated }));
          }
          const exception = exceptionOf(occurrence, body, change, now());
          const updated = model.updateItem(master.id, {
            calendar: withOccurrenceException(calendar, exception),
          });
          const view: SeriesInstance = {
            originalStart: occurrence.originalStart,
            start: exception.start ?? occurrence.start,
            end: exception.end ?? occurrence.end,
            exception,
          };
          return json(render(services, context, { master: updated, occurrence: view }));
        },
      },
      {
        method: 'DELETE',
        path: base,
        operation: 'event-delete',
        scope: 'mailbox',
        handle: (context) => {
          const { master, occurrence } = target(context);
          if (!occurrence || !master.calendar) {
            model.deleteItem(master.id, 'moveToDeletedItems');
            return noContent();
          }
          const cancelled: OccurrenceException = {
            originalStart: occurrence.originalStart,
            deleted: true,
            lastModifiedAt: now(),
          };
          model.updateItem(master.id, { calendar: withOccurrenceException(master.calendar, cancelled) });
          return noContent();
        },
      },
      {
        method: 'GET',
        path: `${base}/instances`,
        operation: 'event-list-instances',
        scope: 'mailbox',
        handle: (context) => {
          const window = viewWindow(context.request.query);
          const { master, occurrence } = target(context);
          if (occurrence)
            throw errors.badRequest('Instances exist only for a series master.', 'ErrorInvalidRequest');
          const calendar = master.calendar;
          const instances = calendar?.recurrence ? seriesInstances(calendar, window.start, window.end) : [];
          const page = takePage(instances, context.request, context.options, OUTLOOK_PAGE);
          const value = page.items.map((o) => render(services, context, { master, occurrence: o }));
          return json(collection(value, page.nextLink ? { '@odata.nextLink': page.nextLink } : {}));
        },
      },
    );
  }
  return routes;
}
