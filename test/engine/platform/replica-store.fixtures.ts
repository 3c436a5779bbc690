import type { CalendarItem, FolderChange, MailboxItem } from '../../../engine/ports/mailbox.ts';
import type {
  ApplyContext,
  ReplicaCalendarItem,
  ReplicaScope,
  ReplicaStore,
} from '../../../engine/ports/replica-store.ts';

/** Opens a store on one namespace of the backend under test; two calls share the same data. */
export type OpenReplica = (namespace: string) => Promise<ReplicaStore>;

export const T0 = '2026-11-30T08:00:00.000Z';
export const T1 = '2026-11-30T09:00:00.000Z';
export const T2 = '2026-11-30T10:00:00.000Z';
export const T3 = '2026-11-30T11:00:00.000Z';

export const run = (runId: string, at: string): ApplyContext => ({ runId, at });

export function folder(
  id: string,
  displayName: string,
  parentId = 'root',
  wellKnownName?: 'inbox' | 'sentitems',
): FolderChange {
  return {
    kind: 'updated',
    folder: { id, parentId, displayName, ...(wellKnownName ? { wellKnownName } : {}) },
  };
}

export function message(id: string, folderId: string, overrides: Partial<MailboxItem> = {}): MailboxItem {
  return {
    id,
    folderId,
    internetMessageId: `<${id}@contoso.com>`,
    subject: `Subject ${id}`,
    from: { name: 'Alice', address: 'alice@contoso.com' },
    receivedAt: '2026-01-01T00:00:00.000Z',
    sentAt: '2026-01-01T00:00:00.000Z',
    size: 1234,
    sensitivity: 'normal',
    itemClass: 'IPM.Note',
    flagStatus: 'notFlagged',
    hasAttachments: false,
    categories: [],
    isRead: false,
    ...overrides,
  };
}

/** Inbox (with Projects/2019 under it) and Archive, on top. */
export async function seedTree(store: ReplicaStore, scope: ReplicaScope): Promise<void> {
  await store.applyFolderChanges(
    scope,
    [
      folder('inbox', 'Inbox', 'root', 'inbox'),
      folder('projects', 'Projects', 'inbox'),
      folder('y2019', '2019', 'projects'),
      folder('archive', 'Archive'),
    ],
    T0,
  );
}

export function calendarItem(
  id: string,
  start: string,
  end: string,
  overrides: Partial<ReplicaCalendarItem> = {},
): ReplicaCalendarItem {
  const base: Omit<CalendarItem, 'attachments'> = {
    id,
    calendarId: 'cal-default',
    type: 'single',
    subject: `Meeting ${id}`,
    start,
    end,
    isAllDay: false,
    attendees: [{ address: 'bob@contoso.com', type: 'required', response: 'accepted' }],
    body: { contentType: 'text', content: `Agenda of ${id}` },
    sensitivity: 'normal',
    categories: [],
    lastModified: start,
  };
  return {
    ...base,
    calendarName: 'Calendar',
    attachments: [
      {
        name: 'agenda.pdf',
        contentType: 'application/pdf',
        size: 10,
        isInline: false,
        sha256: 'ab'.repeat(32),
      },
    ],
    firstSeen: T0,
    lastSeen: T0,
    ...overrides,
  };
}
