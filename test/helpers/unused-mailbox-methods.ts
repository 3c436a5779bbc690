import type { MailboxPort } from '../../engine/ports/mailbox.ts';

type ReadMethods = 'syncItems' | 'syncFolders' | 'listCalendars' | 'syncCalendar' | 'getCalendarAttachment';

/**
 * The MailboxPort methods a test adapter does not script: each rejects saying which adapter was asked,
 * so a test that reaches one fails loudly instead of seeing an empty mailbox.
 */
export function unusedMailboxMethods(adapter: string): Pick<MailboxPort, ReadMethods> {
  const refuse = (what: string) => () => Promise.reject(new Error(`the ${adapter} do not ${what}`));
  return {
    syncItems: refuse('sync items'),
    syncFolders: refuse('sync folders'),
    listCalendars: refuse('list calendars'),
    syncCalendar: refuse('sync calendars'),
    getCalendarAttachment: refuse('read calendar attachments'),
  };
}
