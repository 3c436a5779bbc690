import type { ItemView } from '../../model/views.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { parseEwsDateTime } from '../protocol/ews-time.ts';
import { calendarViewEntries } from '../properties/occurrences.ts';
import { schemaValidationFault } from '../soap/soap-fault.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { intAttr } from './common.ts';

/**
 * FindItem with a CalendarView (https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendarview):
 * single items and the occurrences of recurring masters in [StartDate, EndDate), in start order; masters
 * themselves are not listed. MaxEntriesReturned cuts the list, and IncludesLastItemInRange then says false.
 */
export interface CalendarWindow {
  start: number;
  end: number;
  max: number | undefined;
}

function dateAttr(view: XmlElement, name: string): number {
  const raw = view.attrs[name];
  if (raw === undefined) throw schemaValidationFault(`The required attribute '${name}' is missing.`);
  const parsed = parseEwsDateTime(raw);
  if (!parsed)
    throw schemaValidationFault(`The '${name}' attribute is invalid - The value '${raw}' is not a dateTime.`);
  return Date.parse(parsed);
}

export function parseCalendarView(view: XmlElement): CalendarWindow {
  const start = dateAttr(view, 'StartDate');
  const end = dateAttr(view, 'EndDate');
  const max = intAttr(view, 'MaxEntriesReturned');
  if (max !== undefined && max < 1)
    throw schemaValidationFault(
      "The 'MaxEntriesReturned' attribute is invalid - The value must be positive.",
    );
  // "EndDate must be greater than or equal to StartDate; otherwise an error is returned."
  if (end < start) throw new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate');
  return { start, end, max };
}

export function calendarViewPage(
  ctx: EwsContext,
  folderId: string,
  window: CalendarWindow,
): { items: ItemView[]; attrs: Record<string, string | number | boolean> } {
  const entries = [...ctx.model.items(folderId)].flatMap((item) =>
    calendarViewEntries(item, window.start, window.end),
  );
  entries.sort(
    (a, b) =>
      Date.parse(a.calendar?.start ?? '') - Date.parse(b.calendar?.start ?? '') || (a.id < b.id ? -1 : 1),
  );
  const items = window.max === undefined ? entries : entries.slice(0, window.max);
  return {
    items,
    attrs: { TotalItemsInView: entries.length, IncludesLastItemInRange: items.length === entries.length },
  };
}
