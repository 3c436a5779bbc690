import type { Client } from '@microsoft/microsoft-graph-client';
import type { MailboxCalendar } from '../../ports/mailbox.ts';
import { CALENDAR_PREFER } from './graph-calendar-sync.ts';
import type { GraphCall } from './graph-item-sync.ts';

interface GraphCalendar {
  id: string;
  name?: string | null;
  isDefaultCalendar?: boolean;
}

interface CalendarPage {
  value: GraphCalendar[];
  '@odata.nextLink'?: string;
}

/**
 * The mailbox's calendars (https://learn.microsoft.com/graph/api/user-list-calendars), the default one
 * (isDefaultCalendar) first, with immutable ids like the rest of the Graph adapter.
 */
export async function listGraphCalendars(
  client: Client,
  call: GraphCall,
  mailbox: string,
  signal?: AbortSignal,
): Promise<MailboxCalendar[]> {
  const found: GraphCalendar[] = [];
  let url: string | undefined = `/users/${encodeURIComponent(mailbox)}/calendars`;
  let first = true;
  while (url) {
    const path: string = url;
    const select = first;
    const page: CalendarPage = await call(() => {
      const request = client.api(path).header('Prefer', CALENDAR_PREFER).option('signal', signal);
      if (select) request.select(['name', 'isDefaultCalendar']);
      return request.get() as Promise<CalendarPage>;
    });
    found.push(...page.value);
    url = page['@odata.nextLink'];
    first = false;
  }
  const calendars = found.map((c) => ({
    id: c.id,
    name: c.name ?? '',
    isDefault: c.isDefaultCalendar === true,
  }));
  return [...calendars.filter((c) => c.isDefault), ...calendars.filter((c) => !c.isDefault)];
}
