import type { FolderView } from '../../model/index.ts';
import { calendarInstances, instanceJson, viewWindow } from '../calendar/instances.ts';
import type { GraphServices } from '../graph-services.ts';
import { errors, json } from '../http/graph-response.ts';
import { collection, OUTLOOK_PAGE, takePage } from '../odata/list-paging.ts';
import { checkOrderBy, sortEntries } from '../odata/order-by.ts';
import { applySelect } from '../odata/select.ts';
import type { MailboxContext, MailboxRoute } from '../routing/router.ts';
import { eventJson } from '../serialize/event-json.ts';
import { resolveEvent } from './event-target.ts';
import { calendarJson } from '../serialize/folder-json.ts';
import { EVENT_BASES } from './attachment-routes.ts';
import { renderItem } from './render-message.ts';
import { EVENT_SORT } from './sortable-types.ts';

/**
 * Calendars and events: list calendars (https://learn.microsoft.com/graph/api/user-list-calendars), list
 * and get events (https://learn.microsoft.com/graph/api/calendar-list-events — series masters and single
 * events), delete an event, and the calendar view of a time range
 * (https://learn.microsoft.com/graph/api/calendar-list-calendarview — occurrences instead of masters).
 */
export function calendarFolder(services: GraphServices, context: MailboxContext): FolderView {
  const id = context.params['calendar'];
  if (id === undefined) {
    const folder = services.model.wellKnownFolder(context.mailbox.id, 'calendar');
    if (!folder) throw errors.notFound();
    return folder;
  }
  const folder = services.model.folder(id);
  if (!folder || folder.mailboxId !== context.mailbox.id || folder.folderClass !== 'IPF.Appointment') {
    throw errors.notFound();
  }
  return folder;
}

function calendars(services: GraphServices, context: MailboxContext): FolderView[] {
  return services.model
    .folders(context.mailbox.id)
    .filter((f) => f.folderClass === 'IPF.Appointment' && !services.model.isDumpsterFolder(f.id));
}

function eventResponse(services: GraphServices, context: MailboxContext) {
  const target = resolveEvent(services.model, context.mailbox, context.params['event'] ?? '');
  return json(
    target.occurrence
      ? applySelect(
          eventJson(
            target.master,
            context.options.immutableIds,
            context.mailbox.primarySmtp,
            target.occurrence,
          ),
          context.options.select,
        )
      : renderItem(services, target.master, context.options),
  );
}

export function calendarRoutes(services: GraphServices): MailboxRoute[] {
  const model = services.model;
  const owner = (context: MailboxContext) => ({
    name: context.mailbox.displayName,
    address: context.mailbox.primarySmtp,
  });
  const calendarBases = ['users/:user/calendar', 'users/:user/calendars/:calendar'];
  const routes: MailboxRoute[] = [
    {
      method: 'GET',
      path: 'users/:user/calendars',
      operation: 'user-list-calendars',
      scope: 'mailbox',
      handle: (context) => {
        const defaultId = model.wellKnownFolder(context.mailbox.id, 'calendar')?.id;
        const value = calendars(services, context).map((f) =>
          applySelect(calendarJson(f, owner(context), f.id === defaultId), context.options.select),
        );
        return json({ value });
      },
    },
    {
      method: 'GET',
      path: 'users/:user/events',
      operation: 'user-list-events',
      scope: 'mailbox',
      handle: (context) => eventList(services, context, calendarFolder(services, context)),
    },
  ];
  for (const base of calendarBases) {
    routes.push(
      {
        method: 'GET',
        path: base,
        operation: 'calendar-get',
        scope: 'mailbox',
        handle: (context) => {
          const folder = calendarFolder(services, context);
          const isDefault = folder.id === model.wellKnownFolder(context.mailbox.id, 'calendar')?.id;
          return json(applySelect(calendarJson(folder, owner(context), isDefault), context.options.select));
        },
      },
      {
        method: 'GET',
        path: `${base}/events`,
        operation: 'calendar-list-events',
        scope: 'mailbox',
        handle: (context) => eventList(services, context, calendarFolder(services, context)),
      },
    );
  }
  for (const base of ['users/:user', ...calendarBases]) {
    routes.push({
      method: 'GET',
      path: `${base}/calendarView`,
      operation: 'calendar-list-calendarview',
      scope: 'mailbox',
      handle: (context) => {
        const instances = calendarInstances(
          model,
          calendarFolder(services, context),
          viewWindow(context.request.query),
        );
        const keys = context.options.orderBy;
        if (keys) checkOrderBy(keys, EVENT_SORT);
        const sorted = keys
          ? sortEntries(
              [...instances],
              keys,
              (i) => instanceJson(i, false, context.mailbox.primarySmtp),
              EVENT_SORT.ranks,
            )
          : instances;
        const page = takePage(sorted, context.request, context.options, OUTLOOK_PAGE);
        const value = page.items.map((i) =>
          applySelect(
            instanceJson(i, context.options.immutableIds, context.mailbox.primarySmtp),
            context.options.select,
          ),
        );
        return json(collection(value, page.nextLink ? { '@odata.nextLink': page.nextLink } : {}));
      },
    });
  }
  for (const base of EVENT_BASES) {
    routes.push({
      method: 'GET',
      path: base,
      operation: 'event-get',
      scope: 'mailbox',
      handle: (context) => eventResponse(services, context),
    });
  }
  return routes;
}

function eventList(services: GraphServices, context: MailboxContext, folder: FolderView) {
  const items = [...services.model.items(folder.id)].filter((i) => i.kind === 'calendar');
  const keys = context.options.orderBy;
  if (keys) checkOrderBy(keys, EVENT_SORT);
  const sorted = keys
    ? sortEntries(
        items,
        keys,
        (item) => eventJson(item, false, context.mailbox.primarySmtp),
        EVENT_SORT.ranks,
      )
    : items;
  const page = takePage(sorted, context.request, context.options, OUTLOOK_PAGE);
  const value = page.items.map((item) => renderItem(services, item, context.options));
  return json(collection(value, page.nextLink ? { '@odata.nextLink': page.nextLink } : {}));
}
