import { describe, expect, it } from 'vitest';
import { isArchiveStub } from '../../../engine/domain/archive-stubs.ts';
import type { MailboxItem } from '../../../engine/ports/mailbox.ts';
import { classifyItemChange } from '../../../engine/task-types/folder-replication/classify-item-change.ts';

const item = (patch: Partial<MailboxItem> = {}): MailboxItem => ({
  id: 'AAMk1',
  folderId: 'inbox',
  internetMessageId: '<1@contoso.test>',
  subject: 'Budget',
  size: 2048,
  sensitivity: 'normal',
  itemClass: 'IPM.Note',
  flagStatus: 'notFlagged',
  hasAttachments: false,
  categories: [],
  isRead: true,
  ...patch,
});

describe('what Folder Replication keeps of a change', () => {
  it('keeps normal and confidential messages', () => {
    expect(classifyItemChange({ kind: 'created', item: item() }, false)).toEqual({
      kind: 'upsert',
      item: item(),
    });
    const confidential = item({ sensitivity: 'confidential' });
    expect(classifyItemChange({ kind: 'updated', item: confidential }, false)).toEqual({
      kind: 'upsert',
      item: confidential,
    });
  });

  it('purges Personal and Private messages, also when they became so later', () => {
    for (const sensitivity of ['personal', 'private'] as const)
      expect(classifyItemChange({ kind: 'updated', item: item({ sensitivity }) }, true)).toEqual({
        kind: 'purge',
        id: 'AAMk1',
      });
  });

  it('keeps archive stubs only when the definition includes them', () => {
    const shortcut = item({ itemClass: 'IPM.Note.EnterpriseVault.Shortcut' });
    expect(classifyItemChange({ kind: 'created', item: shortcut }, false)).toEqual({
      kind: 'purge',
      id: 'AAMk1',
    });
    expect(classifyItemChange({ kind: 'created', item: shortcut }, true)).toEqual({
      kind: 'upsert',
      item: shortcut,
    });
  });

  it('passes deletions and read-state changes through', () => {
    expect(classifyItemChange({ kind: 'deleted', id: 'x' }, false)).toEqual({ kind: 'deleted', id: 'x' });
    expect(classifyItemChange({ kind: 'read-flag', id: 'x', isRead: false }, false)).toEqual({
      kind: 'read-flag',
      id: 'x',
      isRead: false,
    });
  });

  it('tells stubs by class, subclasses included, case-insensitively, and not Enterprise Vault pending items', () => {
    expect(isArchiveStub('IPM.Note.EnterpriseVault.Shortcut')).toBe(true);
    expect(isArchiveStub('ipm.note.enterprisevault.shortcut.custom')).toBe(true);
    expect(isArchiveStub('IPM.Note.Exsync.Stub')).toBe(true);
    expect(isArchiveStub('IPM.Note.EnterpriseVault.ShortcutX')).toBe(false);
    expect(isArchiveStub('IPM.Note.EnterpriseVault.Pending')).toBe(false);
    expect(isArchiveStub('IPM.Note')).toBe(false);
  });
});
