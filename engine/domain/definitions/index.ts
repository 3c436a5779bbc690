import { z } from 'zod';
import { descriptionField, nameField } from '../fields.ts';
import { calendarReplicationSettings } from './calendar-replication.ts';
import { folderReplicationSettings } from './folder-replication.ts';
import { managedFoldersSettings } from './managed-folders.ts';
import { storageManagementSettings } from './storage-management.ts';
import { folderCountSettings } from './folder-count.ts';

export const TASK_TYPES = [
  'folder-replication',
  'calendar-replication',
  'storage-management',
  'managed-folders',
  'folder-count',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  'folder-replication': 'Mailbox Folder Replication',
  'calendar-replication': 'Calendar Replication',
  'storage-management': 'Mailbox Storage Management',
  'managed-folders': 'Managed Folders',
  'folder-count': 'Folder count (diagnostic)',
};

export const SETTINGS_SCHEMAS = {
  'folder-replication': folderReplicationSettings,
  'calendar-replication': calendarReplicationSettings,
  'storage-management': storageManagementSettings,
  'managed-folders': managedFoldersSettings,
  'folder-count': folderCountSettings,
} as const satisfies Record<TaskType, z.ZodType>;

export type DefinitionSettings = { [T in TaskType]: z.infer<(typeof SETTINGS_SCHEMAS)[T]> };

const common = { name: nameField, description: descriptionField };

export const definitionInputSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('folder-replication'),
    settings: folderReplicationSettings.prefault({}),
  }),
  z.strictObject({
    ...common,
    type: z.literal('calendar-replication'),
    settings: calendarReplicationSettings.prefault({}),
  }),
  z.strictObject({ ...common, type: z.literal('storage-management'), settings: storageManagementSettings }),
  z.strictObject({
    ...common,
    type: z.literal('managed-folders'),
    settings: managedFoldersSettings.prefault({}),
  }),
  z.strictObject({ ...common, type: z.literal('folder-count'), settings: folderCountSettings.prefault({}) }),
]);

export type DefinitionInput = z.infer<typeof definitionInputSchema>;

export const taskTypeSchema = z.enum(TASK_TYPES);

export {
  calendarReplicationSettings,
  folderReplicationSettings,
  managedFoldersSettings,
  storageManagementSettings,
};
