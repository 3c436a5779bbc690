import type { ItemView, MailboxModel, MailboxRecord } from '../../model/index.ts';
import type { SeriesInstance } from '../calendar/series.ts';
import { occurrenceAt, stampToIso } from '../calendar/series.ts';
import { errors } from '../http/graph-response.ts';
import { resolveItem } from '../ids/graph-ids.ts';
import { splitOccurrenceId } from '../serialize/event-json.ts';

/**
 * What an event id names: a single event or series master, or one occurrence (or exception) of a series.
 * Occurrence ids are the master's id plus the occurrence's original start; a cancelled occurrence is 404.
 */
export interface EventTarget {
  master: ItemView;
  occurrence?: SeriesInstance;
}

export function resolveEvent(model: MailboxModel, mailbox: MailboxRecord, id: string): EventTarget {
  const split = splitOccurrenceId(id);
  if (!split) return { master: resolveItem(model, mailbox, id, 'calendar') };
  const master = resolveItem(model, mailbox, split.masterId, 'calendar');
  const occurrence = master.calendar?.recurrence
    ? occurrenceAt(master.calendar, stampToIso(split.stamp))
    : undefined;
  if (!occurrence) throw errors.notFound();
  return { master, occurrence };
}
