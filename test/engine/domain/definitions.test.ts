import { describe, expect, it } from 'vitest';
import { TASK_TYPES, definitionInputSchema } from '../../../engine/domain/definitions/index.ts';
import { definitionTemplate } from '../../../engine/services/templates.ts';
import { InputError } from '../../../engine/errors/index.ts';
import { parseInput } from '../../../engine/validation/parse-input.ts';

const parse = (input: unknown) => parseInput(definitionInputSchema, input);
const refusal = (input: unknown) => {
  try {
    parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected a refusal');
};

describe('definitions', () => {
  it.each(TASK_TYPES)('accepts the %s template as it is', (type) => {
    expect(parse(definitionTemplate(type)).type).toBe(type);
  });

  it('fills every default, and destructive types start in report mode', () => {
    expect(parse({ name: 'F', type: 'folder-replication' }).settings).toEqual({
      excludeInbox: false,
      excludeSentItems: false,
      excludeDeletedItems: false,
      includeArchiveStubs: false,
      fullSyncExclusion: { timeZone: 'UTC', windows: [] },
    });
    expect(parse({ name: 'C', type: 'calendar-replication' }).settings).toEqual({ calendars: 'default' });
    const msm = parse({
      name: 'M',
      type: 'storage-management',
      settings: { action: 'attachment-stub', olderThanDays: 30 },
    });
    expect(msm.settings).toMatchObject({ reportOnly: true, largerThanKB: 0, folders: { mode: 'all' } });
    expect(parse({ name: 'R', type: 'managed-folders' }).settings).toMatchObject({
      reportOnly: true,
      defaultPolicy: { type: 'normal' },
    });
  });

  it.each([
    [{ name: 'M', type: 'storage-management' }, 'settings: is required'],
    [
      { name: 'M', type: 'storage-management', settings: { action: 'shred', olderThanDays: 1 } },
      'settings.action: must be one of message-delete',
    ],
    [
      { name: 'M', type: 'storage-management', settings: { action: 'message-delete', olderThanDays: 0 } },
      'settings.olderThanDays: must be at least 1 for message-delete',
    ],
    [
      {
        name: 'M',
        type: 'storage-management',
        settings: { action: 'attachment-stub', olderThanDays: 1, folders: { mode: 'include', folders: [] } },
      },
      'settings.folders.folders: must list at least one folder',
    ],
    [
      { name: 'C', type: 'calendar-replication', settings: { calendars: 'some' } },
      'settings.calendars: must be "default" or "all"',
    ],
    [
      { name: 'F', type: 'folder-replication', settings: { excludeInbox: 'yes' } },
      'settings.excludeInbox: must be true or false, not text',
    ],
    [
      {
        name: 'F',
        type: 'folder-replication',
        settings: { fullSyncExclusion: { windows: [{ start: '8', end: '9' }] } },
      },
      'settings.fullSyncExclusion.windows[0].start: must be a 24-hour time',
    ],
    [
      {
        name: 'R',
        type: 'managed-folders',
        settings: { defaultPolicy: { type: 'exchange-delete', action: 'hard-delete', lifespanDays: 0 } },
      },
      'settings.defaultPolicy.lifespanDays: must be at least 1',
    ],
    [
      {
        name: 'R',
        type: 'managed-folders',
        settings: {
          managedFolders: [
            { name: 'Keep', policy: { type: 'normal' } },
            { name: 'keep', policy: { type: 'normal' } },
          ],
        },
      },
      'settings.managedFolders[1].name: "keep" is listed twice',
    ],
    [
      {
        name: 'R',
        type: 'managed-folders',
        settings: { managedFolders: [{ name: 'a/b', policy: { type: 'normal' } }] },
      },
      'settings.managedFolders[0].name: must be a single folder name',
    ],
    [
      {
        name: 'R',
        type: 'managed-folders',
        settings: {
          wellKnownFolderPolicies: [
            { folder: 'inbox', policy: { type: 'normal' } },
            { folder: 'inbox', policy: { type: 'normal' } },
          ],
        },
      },
      'settings.wellKnownFolderPolicies[1].folder: has two policies',
    ],
    [{ name: 'X', type: 'archiving' }, 'type: "archiving" is not allowed; must be one of folder-replication'],
    [{ name: '   ', type: 'calendar-replication' }, 'name: must not be empty'],
    [
      { name: '4f0c7a3e-1f2b-4c3d-8e9f-0a1b2c3d4e5f', type: 'calendar-replication' },
      'name: must not look like an id',
    ],
  ])('refuses %j', (input, expected) => {
    expect(refusal(input)).toContain(expected);
  });
});
