import type { ItemView } from '../../model/views.ts';
import { ewsDateTime } from '../protocol/ews-time.ts';
import { el, textEl } from '../xml/xml-writer.ts';
import { occurrenceAt, occurrenceOf } from './occurrences.ts';
import type { ItemPropertyDef } from './property-types.ts';

/**
 * The exceptions of a recurring master as EWS lists them on the master
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/modifiedoccurrences:
 * one t:Occurrence per changed occurrence, with its ItemId, Start, End and OriginalStart;
 * https://learn.microsoft.com/exchange/client-developer/web-service-reference/deletedoccurrences: one
 * t:DeletedOccurrence per cancelled occurrence, its Start being the start it had in the pattern).
 * Read-only, not available to FindItem, and absent when the master has none.
 */
function exceptionsOf(item: ItemView) {
  if (occurrenceOf(item) || !item.calendar?.recurrence) return [];
  return [...(item.calendar.exceptions ?? [])].sort(
    (a, b) => Date.parse(a.originalStart) - Date.parse(b.originalStart),
  );
}

export const OCCURRENCE_LIST_PROPERTIES: readonly ItemPropertyDef[] = [
  {
    uri: 'calendar:ModifiedOccurrences',
    element: 'ModifiedOccurrences',
    scope: 'calendar',
    structured: true,
    canFind: false,
    write: (item) => {
      const inner = exceptionsOf(item)
        .filter((e) => !e.deleted)
        .map((e) => occurrenceAt(item, e.originalStart))
        .map((o) =>
          o?.calendar
            ? el(
                't:Occurrence',
                undefined,
                el('t:ItemId', { Id: o.id, ChangeKey: o.changeKey }) +
                  textEl('t:Start', ewsDateTime(o.calendar.start)) +
                  textEl('t:End', ewsDateTime(o.calendar.end)) +
                  textEl('t:OriginalStart', ewsDateTime(o.occurrence.originalStart)),
              )
            : '',
        )
        .join('');
      return inner ? el('t:ModifiedOccurrences', undefined, inner) : '';
    },
  },
  {
    uri: 'calendar:DeletedOccurrences',
    element: 'DeletedOccurrences',
    scope: 'calendar',
    structured: true,
    canFind: false,
    write: (item) => {
      const inner = exceptionsOf(item)
        .filter((e) => e.deleted)
        .map((e) => el('t:DeletedOccurrence', undefined, textEl('t:Start', ewsDateTime(e.originalStart))))
        .join('');
      return inner ? el('t:DeletedOccurrences', undefined, inner) : '';
    },
  },
];
