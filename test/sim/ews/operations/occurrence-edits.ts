import { withOccurrenceException, type OccurrenceException } from '../../model/calendar-exceptions.ts';
import { isoNow, type ItemPatch } from '../../model/record-edits.ts';
import type { ItemView } from '../../model/views.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { occurrenceAt, type OccurrenceView } from '../properties/occurrences.ts';

/**
 * Changing or deleting one occurrence of a recurring series through its occurrence id
 * (https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-update-a-recurring-series-by-using-ews-in-exchange,
 * https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-delete-appointments-and-cancel-meetings-by-using-ews-in-exchange):
 * an update makes the occurrence an exception (it then shows in the master's ModifiedOccurrences and
 * keeps its id); a delete cancels it (it shows in DeletedOccurrences). Either changes the master.
 */
const EXCEPTION_FIELDS = new Set(['subject', 'body', 'sensitivity', 'calendar', 'lastModifiedAt']);

function masterOf(ctx: EwsContext, occurrence: OccurrenceView): ItemView {
  const master = ctx.model.item(occurrence.occurrence.masterId);
  if (!master?.calendar) throw new EwsError('ErrorItemNotFound');
  return master;
}

/** Applies `patch` (computed against the occurrence view) to the occurrence; returns the occurrence after it. */
export function updateOccurrence(
  ctx: EwsContext,
  occurrence: OccurrenceView,
  patch: ItemPatch,
): OccurrenceView {
  const refused = Object.keys(patch).find((key) => !EXCEPTION_FIELDS.has(key));
  if (refused)
    throw new EwsError(
      'ErrorInvalidPropertyRequest',
      `The simulator cannot change '${refused}' on a single occurrence; change the series master instead.`,
    );
  const master = masterOf(ctx, occurrence);
  const masterCalendar = master.calendar!;
  const originalStart = occurrence.occurrence.originalStart;
  const earlier = masterCalendar.exceptions?.find(
    (e) => Date.parse(e.originalStart) === Date.parse(originalStart),
  );
  const exception: OccurrenceException = {
    ...earlier,
    originalStart,
    lastModifiedAt: isoNow(ctx.model.now()),
  };
  if (patch.subject !== undefined) exception.subject = patch.subject;
  if (patch.body) exception.body = patch.body;
  if (patch.sensitivity) exception.sensitivity = patch.sensitivity;
  const calendar = patch.calendar;
  if (calendar) {
    if (calendar.start !== occurrence.calendar?.start) exception.start = calendar.start;
    if (calendar.end !== occurrence.calendar?.end) exception.end = calendar.end;
    if (calendar.location !== occurrence.calendar?.location) exception.location = calendar.location;
    const start = Date.parse(exception.start ?? occurrence.calendar?.start ?? '');
    const end = Date.parse(exception.end ?? occurrence.calendar?.end ?? '');
    if (end < start) throw new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate');
  }
  const updated = viaModel(() =>
    ctx.model.updateItem(master.id, { calendar: withOccurrenceException(masterCalendar, exception) }),
  );
  const after = occurrenceAt(updated, originalStart);
  if (!after) throw new EwsError('ErrorItemNotFound');
  return after;
}

/** Cancels one occurrence: it leaves the calendar view and is listed in the master's DeletedOccurrences. */
export function cancelOccurrence(ctx: EwsContext, occurrence: OccurrenceView): void {
  const master = masterOf(ctx, occurrence);
  const cancelled: OccurrenceException = {
    originalStart: occurrence.occurrence.originalStart,
    deleted: true,
    lastModifiedAt: isoNow(ctx.model.now()),
  };
  viaModel(() =>
    ctx.model.updateItem(master.id, { calendar: withOccurrenceException(master.calendar!, cancelled) }),
  );
}
