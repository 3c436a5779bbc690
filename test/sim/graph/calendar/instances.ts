import type { FolderView, ItemView, MailboxModel } from '../../model/index.ts';
import { errors } from '../http/graph-response.ts';
import { graphItemId } from '../ids/graph-ids.ts';
import { queryParam } from '../odata/query-options.ts';
import { eventJson, occurrenceId } from '../serialize/event-json.ts';
import { createHash } from 'node:crypto';
import type { OccurrenceView } from '../serialize/event-json.ts';
import { overlaps } from './expand-recurrence.ts';
import { seriesInstances } from './series.ts';

/**
 * What a calendar view shows for a time range: single events that overlap it and the occurrences of
 * recurring series that do (series masters themselves are not listed)
 * (https://learn.microsoft.com/graph/api/calendar-list-calendarview).
 */
export interface Instance {
  /** Id-format independent key: model immutable id, plus the occurrence stamp for occurrences. */
  key: string;
  item: ItemView;
  occurrence?: OccurrenceView;
  /** Changes whenever what the client sees changes. */
  version: string;
}

export interface Window {
  start: number;
  end: number;
  startText: string;
  endText: string;
}

/** startDateTime and endDateTime of a calendar view request, both required. */
export function viewWindow(query: URLSearchParams): Window {
  const startText = queryParam(query, 'startDateTime');
  const endText = queryParam(query, 'endDateTime');
  if (!startText || !endText) {
    throw errors.badRequest(
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
      'ErrorInvalidParameter',
    );
  }
  const parse = (text: string): number => Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  const start = parse(startText);
  const end = parse(endText);
  if (Number.isNaN(start) || Number.isNaN(end))
    throw errors.badRequest('StartDateTime or EndDateTime is not a valid date.', 'ErrorInvalidParameter');
  return { start, end, startText, endText };
}

export function* calendarInstances(
  model: MailboxModel,
  folder: FolderView,
  window: Window,
): Generator<Instance> {
  for (const item of model.items(folder.id)) {
    const calendar = item.calendar;
    if (item.kind !== 'calendar' || !calendar) continue;
    if (!calendar.recurrence) {
      if (overlaps(calendar.start, calendar.end, window.start, window.end)) {
        yield { key: item.immutableId, item, version: item.changeKey };
      }
      continue;
    }
    for (const occurrence of seriesInstances(calendar, window.start, window.end)) {
      yield {
        key: occurrenceId(item.immutableId, occurrence.originalStart),
        item,
        occurrence,
        version: occurrenceVersion(item, occurrence),
      };
    }
  }
}

/**
 * What a client sees of one occurrence, hashed: changing one exception changes the master's change key
 * but must not make every other occurrence look changed to calendarView delta.
 */
function occurrenceVersion(item: ItemView, occurrence: OccurrenceView): string {
  const {
    changeKey: _c,
    '@odata.etag': _e,
    lastModifiedDateTime: _l,
    ...seen
  } = eventJson(item, false, undefined, occurrence);
  return createHash('sha256').update(JSON.stringify(seen)).digest('base64url').slice(0, 16);
}

/** The Graph id of an instance in the requested id format. */
export function instanceId(instance: Pick<Instance, 'item' | 'occurrence'>, immutableIds: boolean): string {
  const master = graphItemId(instance.item, immutableIds);
  const occurrence = instance.occurrence;
  return occurrence ? occurrenceId(master, occurrence.originalStart ?? occurrence.start) : master;
}

export function instanceJson(
  instance: Instance,
  immutableIds: boolean,
  owner: string,
): Record<string, unknown> {
  return eventJson(instance.item, immutableIds, owner, instance.occurrence);
}
