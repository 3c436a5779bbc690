import type { TaskType } from '../domain/definitions/index.ts';
import type { RecurrenceType } from '../domain/schedule.ts';
import type { TargetKind } from '../domain/target.ts';

/**
 * Starting points for admins: each template is an input that `create` accepts as it is (references by
 * name), with every setting spelled out at its default so nothing is hidden.
 */

export function siteTemplate() {
  return { code: 'lon-01', description: 'London datacentre, on-premises Exchange 2019', enabled: true };
}

const RECURRENCES = {
  'one-off': { type: 'one-off', at: '2026-12-24T18:00' },
  'daily-once': { type: 'daily-once', start: '01:00' },
  'daily-many': { type: 'daily-many', start: '08:00', end: '18:00', intervalMinutes: 60 },
  weekly: { type: 'weekly', days: ['sat', 'sun'], daily: { type: 'daily-once', start: '02:00' } },
} as const satisfies Record<RecurrenceType, unknown>;

const SCHEDULE_NAMES: Record<RecurrenceType, string> = {
  'one-off': 'Christmas Eve catch-up',
  'daily-once': 'Nightly 01:00',
  'daily-many': 'Office hours hourly',
  weekly: 'Weekends 02:00',
};

export function scheduleTemplate(type: RecurrenceType = 'daily-once') {
  return {
    name: SCHEDULE_NAMES[type],
    description: '',
    timeZone: 'Europe/London',
    recurrence: RECURRENCES[type],
  };
}

const SETTINGS = {
  'folder-replication': {
    excludeInbox: false,
    excludeSentItems: false,
    excludeDeletedItems: false,
    includeArchiveStubs: false,
    fullSyncExclusion: {
      timeZone: 'Europe/London',
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
    },
  },
  'calendar-replication': { calendars: 'default' },
  'storage-management': {
    action: 'attachment-stub',
    olderThanDays: 365,
    largerThanKB: 1024,
    folders: { mode: 'exclude', folders: ['deleteditems', 'junkemail'], includeSubfolders: true },
    reportOnly: true,
  },
  'managed-folders': {
    reportOnly: true,
    defaultPolicy: { type: 'normal' },
    wellKnownFolderPolicies: [
      {
        folder: 'deleteditems',
        policy: {
          type: 'exchange-delete',
          action: 'move-to-deleted-items',
          lifespanDays: 30,
          deleteUnread: true,
        },
      },
    ],
    managedFolders: [
      { name: 'Keep 7 years', description: 'Contracts and invoices', policy: { type: 'normal' } },
      {
        name: 'Delete after 90 days',
        description: '',
        policy: { type: 'exchange-delete', action: 'soft-delete', lifespanDays: 90, deleteUnread: true },
      },
    ],
  },
  'folder-count': {},
} as const satisfies Record<TaskType, unknown>;

const DEFINITION_NAMES: Record<TaskType, string> = {
  'folder-replication': 'Folder replication - all folders',
  'calendar-replication': 'Calendar replication - default calendar',
  'storage-management': 'Stub attachments over 1 MB after a year',
  'managed-folders': 'Retention folders',
  'folder-count': 'Folder count check',
};

export function definitionTemplate(type: TaskType = 'folder-replication') {
  return { name: DEFINITION_NAMES[type], description: '', type, settings: SETTINGS[type] };
}

const TARGETS = {
  'ad-group': { kind: 'ad-group', dn: 'CN=Sales,OU=Groups,DC=contoso,DC=com', groupKind: 'security' },
  'm365-group': { kind: 'm365-group', email: 'sales@contoso.com' },
  mailbox: { kind: 'mailbox', email: 'alice@contoso.com' },
  'mailbox-list': { kind: 'mailbox-list', emails: 'alice@contoso.com; bob@contoso.com' },
} as const satisfies Record<TargetKind, unknown>;

export function taskTemplate(type: TaskType = 'folder-replication', targetKind: TargetKind = 'ad-group') {
  return {
    name: `${DEFINITION_NAMES[type]} - Sales`,
    description: '',
    site: siteTemplate().code,
    type,
    definition: DEFINITION_NAMES[type],
    schedule: SCHEDULE_NAMES['daily-once'],
    target: TARGETS[targetKind],
    enabled: true,
  };
}
