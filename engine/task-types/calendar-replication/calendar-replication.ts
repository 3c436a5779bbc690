import type { CalendarReplicationSettings } from '../../domain/definitions/calendar-replication.ts';
import type { DefinitionRecord } from '../../domain/records.ts';
import type { MailboxCalendar } from '../../ports/mailbox.ts';
import type { MailboxPass, PassResult, TaskTypeHandler } from '../task-type.ts';
import { calendarReplicationState, type CalendarReplicationState } from './calendar-state.ts';
import { replicateCalendar } from './replicate-calendar.ts';

type Pass = MailboxPass<CalendarReplicationSettings, CalendarReplicationState>;

/**
 * Calendar Replication (MSE §1.2): a read-only replica of the mailbox's default calendar, or of all
 * its calendars, as the definition says: series with their exceptions, attendees, bodies, and the
 * attachments' bytes in the blob store. What Exchange deletes leaves the replica on the next run, and
 * a calendar no longer followed (or deleted) leaves it whole.
 */
export const calendarReplication: TaskTypeHandler<CalendarReplicationSettings, CalendarReplicationState> = {
  checkpointSchema: calendarReplicationState,
  settingsOf: (definition: DefinitionRecord) => definition.settings as CalendarReplicationSettings,
  async runPass(pass: Pass): Promise<PassResult> {
    pass.report(`Reading the calendars of ${pass.mailbox}`);
    const calendars = followed(await pass.exchange.listCalendars(pass.mailbox, pass.signal), pass.settings);
    const { replica, scope } = pass.platform;
    const keep = new Set(calendars.map((c) => c.id));
    for (const id of await replica.calendarIds(scope))
      if (!keep.has(id)) await replica.dropCalendar(scope, id);
    let state: CalendarReplicationState = {
      ...(pass.checkpoint ?? {}),
      calendars: Object.fromEntries(
        Object.entries(pass.checkpoint?.calendars ?? {}).filter(([id]) => keep.has(id)),
      ),
    };
    const done = new Set(state.progress?.runId === pass.runId ? state.progress.done : []);
    let budget = pass.itemBudget;
    for (const calendar of calendars) {
      if (done.has(calendar.id)) continue;
      const result = await replicateCalendar(
        pass,
        calendar,
        { ...state, progress: { runId: pass.runId, done: [...done] } },
        budget,
      );
      state = result.state;
      budget -= result.handled;
      if (!result.finished) return { complete: false };
      done.add(calendar.id);
      if (budget <= 0 && calendars.some((c) => !done.has(c.id))) return { complete: false };
    }
    const { progress: _finished, ...rest } = state;
    await pass.complete(rest);
    return { complete: true };
  },
};

function followed(
  calendars: readonly MailboxCalendar[],
  settings: CalendarReplicationSettings,
): MailboxCalendar[] {
  return settings.calendars === 'all' ? [...calendars] : calendars.filter((c) => c.isDefault);
}
