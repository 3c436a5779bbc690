import { describe, expect, it } from 'vitest';
import { parentsFirst } from '../../../../engine/adapters/exchange/folder-change-order.ts';
import type { FolderChange, MailboxFolder } from '../../../../engine/ports/mailbox.ts';

const folder = (id: string, parentId: string, displayName = id): MailboxFolder => ({
  id,
  parentId,
  displayName,
});
const created = (f: MailboxFolder): FolderChange => ({ kind: 'created', folder: f });
const updated = (f: MailboxFolder): FolderChange => ({ kind: 'updated', folder: f });
const deleted = (id: string): FolderChange => ({ kind: 'deleted', id });

describe('parentsFirst: a round of folder changes as the mailbox port promises it', () => {
  it('puts a folder after its parent, deep trees too, and keeps the order otherwise', () => {
    const changes = [
      created(folder('c', 'b')),
      deleted('x'),
      created(folder('b', 'a')),
      updated(folder('d', 'root')),
      created(folder('a', 'root')),
    ];
    expect(parentsFirst(changes).map((c) => (c.kind === 'deleted' ? c.id : c.folder.id))).toEqual([
      'a',
      'b',
      'c',
      'x',
      'd',
    ]);
  });

  it('names a folder once, in its latest state; created then changed stays created', () => {
    expect(
      parentsFirst([
        updated(folder('a', 'root', 'Old')),
        created(folder('b', 'root')),
        updated(folder('a', 'root', 'New')),
        updated(folder('b', 'a', 'Moved')),
      ]),
    ).toEqual([updated(folder('a', 'root', 'New')), created(folder('b', 'a', 'Moved'))]);
  });

  it('drops a folder created and deleted within the round; a known folder deleted stays deleted', () => {
    expect(
      parentsFirst([created(folder('a', 'root')), updated(folder('k', 'root')), deleted('a'), deleted('k')]),
    ).toEqual([deleted('k')]);
  });

  it('survives a parent cycle (a server bug) without looping', () => {
    const out = parentsFirst([updated(folder('a', 'b')), updated(folder('b', 'a'))]);
    expect(out.map((c) => (c.kind === 'deleted' ? c.id : c.folder.id)).sort()).toEqual(['a', 'b']);
  });
});
