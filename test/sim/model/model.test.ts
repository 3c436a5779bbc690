import { describe, expect, it } from 'vitest';
import {
  DISTINGUISHED_PROPERTY_SETS,
  extendedPropertyKey,
  makeExtendedProperty,
} from './extended-property.ts';
import { decodeItemId, idKind } from './ids.ts';
import { readItemProperty } from './mapi-properties.ts';
import { parseMime } from './mime/parse-mime.ts';
import type { ModelEvent } from './model-events.ts';
import { ModelError } from './model-error.ts';
import { createModel } from './model.ts';
import { diffSnapshots } from './snapshot.ts';

const small = {
  mailboxes: 4,
  foldersPerMailbox: 12,
  itemsPerFolder: 15,
  calendarItemsPerMailbox: 6,
  seed: 'model-test',
};

function expectModelError(work: () => unknown, code: ModelError['code']): void {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe(code);
    return;
  }
  throw new Error(`expected ModelError ${code}`);
}

describe('generation', () => {
  it('is deterministic: same seed, same mailboxes, ids, content and MIME', () => {
    const a = createModel({ population: small });
    const b = createModel({ population: small });
    const c = createModel({ population: { ...small, seed: 'other' } });
    expect([...a.mailboxes()]).toEqual([...b.mailboxes()]);
    const mailbox = a.mailboxAt(2)?.primarySmtp ?? '';
    for (const folder of a.folders(mailbox)) {
      const left = [...a.items(folder.id)];
      const right = [...b.items(folder.id)];
      expect(right.map((i) => i.id)).toEqual(left.map((i) => i.id));
      for (const [index, item] of left.entries()) {
        expect(b.mime(right[index]?.id ?? '').equals(a.mime(item.id))).toBe(true);
      }
    }
    const inbox = a.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
    expect([...c.items(inbox)].map((i) => i.subject)).not.toEqual([...a.items(inbox)].map((i) => i.subject));
  });

  it('describes 1,000 × 50 × 100 items without materializing anything', () => {
    const model = createModel({
      population: { mailboxes: 1000, foldersPerMailbox: 50, itemsPerFolder: 100, seed: 1 },
    });
    const last = model.mailboxAt(999);
    expect(last?.primarySmtp).toBe('user01000@example.test');
    const folders = model.folders(last?.id ?? '');
    expect(folders.filter((f) => f.totalCount === 100)).toHaveLength(50);
    // Top of Information Store / Inbox / five nested user folders.
    const deepest = Math.max(...folders.map((f) => f.path.length));
    expect(deepest).toBe(7);
    const [item] = model.items(folders.find((f) => f.totalCount === 100)?.id ?? '');
    expect(item?.subject).toMatch(/#1$/);
    expect(model.materializedMailboxCount).toBe(0);
    model.updateItem(item?.id ?? '', { isRead: !item?.isRead });
    expect(model.materializedMailboxCount).toBe(1);
    expect(model.isMaterialized(last?.id ?? '')).toBe(true);
  });

  it('honours the shares of private, flagged and stub items', () => {
    const model = createModel({
      population: {
        mailboxes: 2,
        foldersPerMailbox: 5,
        itemsPerFolder: 400,
        privateShare: 0.25,
        flaggedShare: 0.3,
        stubShare: 0.1,
        seed: 3,
      },
    });
    const items = model
      .folders('user00001@example.test')
      .flatMap((f) => [...model.items(f.id)])
      .filter((i) => i.kind === 'message');
    const share = (predicate: (i: (typeof items)[number]) => boolean): number =>
      items.filter(predicate).length / items.length;
    expect(share((i) => i.sensitivity === 'Private')).toBeCloseTo(0.25, 1);
    expect(share((i) => i.flag.status === 'Flagged')).toBeCloseTo(0.3, 1);
    expect(share((i) => i.itemClass === 'IPM.Note.EnterpriseVault.Shortcut')).toBeCloseTo(0.1, 1);
  });

  it('validates population options', () => {
    expect(() => createModel({ population: { privateShare: 2 } })).toThrow(RangeError);
    expect(() => createModel({ population: { mailboxes: -1 } })).toThrow(RangeError);
    expect(() => createModel({ population: { attachmentSize: { min: 10, max: 5 } } })).toThrow(RangeError);
  });
});

describe('mailboxes and ids', () => {
  it('finds mailboxes by GUID, primary address and alias', () => {
    const model = createModel({ population: small });
    const record = model.mailboxAt(3);
    expect(model.mailbox(record?.id ?? '')?.ordinal).toBe(3);
    expect(model.mailbox(record?.primarySmtp.toUpperCase() ?? '')?.ordinal).toBe(3);
    expect(model.mailbox(record?.aliases[0] ?? '')?.ordinal).toBe(3);
    expect(model.mailbox('user09999@example.test')).toBeUndefined();
    const alice = model.addMailbox({
      primarySmtp: 'alice@example.test',
      displayName: 'Alice Anders',
      populate: true,
    });
    expect(model.mailbox('ALICE@example.test')?.id).toBe(alice.id);
    expect(model.itemCount(model.wellKnownFolder(alice.id, 'inbox')?.id ?? '')).toBe(15);
    expectModelError(() => model.addMailbox({ primarySmtp: record?.primarySmtp ?? '' }), 'invalidArgument');
  });

  it('recognises malformed ids and gives moved items a new id but the same immutable id', () => {
    const model = createModel({ population: small });
    const inbox = model.wellKnownFolder('user00001@example.test', 'inbox')?.id ?? '';
    const archive = model.wellKnownFolder('user00001@example.test', 'archive')?.id ?? '';
    const [item] = model.items(inbox);
    expect(idKind(item?.id ?? '')).toBe('item');
    expect(idKind(inbox)).toBe('folder');
    expect(idKind(`${item?.id ?? ''}x`)).toBeUndefined();
    expect(idKind('AAMkADRoot=')).toBeUndefined();
    const moved = model.moveItem(item?.id ?? '', archive);
    expect(moved.id).not.toBe(item?.id);
    expect(moved.immutableId).toBe(item?.id);
    expect(moved.changeKey).toBe(item?.changeKey);
    expect(model.item(item?.id ?? '')).toBeUndefined();
    expect(model.itemByImmutableId(item?.id ?? '')?.id).toBe(moved.id);
    expect(decodeItemId(moved.id)?.mailbox).toBe(0);
  });
});

describe('change tracking', () => {
  it('reports creates, updates, read-flag changes, moves and deletions after a watermark', () => {
    const model = createModel({ population: small });
    const mailbox = 'user00002@example.test';
    const inbox = model.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
    const first = model.itemChanges(inbox, 0, 10);
    expect(first.changes).toHaveLength(10);
    expect(first.complete).toBe(false);
    const rest = model.itemChanges(inbox, first.watermark, 100);
    expect(rest.changes).toHaveLength(5);
    expect(rest.complete).toBe(true);
    const ids = [...model.items(inbox)].map((i) => i.id);
    model.updateItem(ids[0] ?? '', { isRead: false });
    model.updateItem(ids[0] ?? '', { isRead: true });
    model.updateItem(ids[1] ?? '', { subject: 'changed' });
    model.moveItem(ids[2] ?? '', model.wellKnownFolder(mailbox, 'archive')?.id ?? '');
    const transient = model.createItem(inbox, { subject: 'here and gone' });
    model.deleteItem(transient.id, 'hard');
    const created = model.createItem(inbox, { subject: 'stays' });
    const delta = model.itemChanges(inbox, rest.watermark, 100);
    expect(delta.changes.map((c) => [c.type, c.id])).toEqual([
      ['readFlag', ids[0]],
      ['update', ids[1]],
      ['delete', ids[2]],
      ['create', created.id],
    ]);
    expect(model.itemChanges(inbox, delta.watermark, 100).changes).toEqual([]);
  });

  it('reports folder creates, renames and deletions, parents before children', () => {
    const model = createModel({ population: small });
    const mailbox = 'user00003@example.test';
    const root = model.wellKnownFolder(mailbox, 'msgfolderroot')?.id ?? '';
    const initial = model.hierarchyChanges(mailbox, root, 0);
    expect(initial.changes).toHaveLength(model.descendantFolders(root).length);
    const inbox = model.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
    const parent = model.createFolder(root, { displayName: 'Parent' });
    const child = model.createFolder(parent.id, { displayName: 'Child' });
    model.updateFolder(parent.id, { displayName: 'Parent renamed' });
    model.updateFolder(inbox, {
      setExtendedProperties: [makeExtendedProperty({ tag: 0x3001 }, 'String', 'x')],
    });
    const after = model.hierarchyChanges(mailbox, root, initial.watermark);
    // Created after the watermark and renamed since: still a create, with the latest name, before its child.
    expect(after.changes.map((c) => [c.type, c.folder?.displayName])).toEqual([
      ['create', 'Parent renamed'],
      ['create', 'Child'],
      ['update', 'Inbox'],
    ]);
    model.deleteFolder(parent.id, 'hard');
    const deletions = model.hierarchyChanges(mailbox, root, after.watermark);
    expect(deletions.changes.map((c) => [c.type, c.id])).toEqual([
      ['delete', parent.id],
      ['delete', child.id],
    ]);
    // The whole-mailbox hierarchy leaves the dumpster out.
    const everything = model.hierarchyChanges(mailbox, undefined, 0);
    expect(everything.changes.some((c) => c.folder?.wellKnownName === 'recoverableitemsdeletions')).toBe(
      false,
    );
  });

  it('refuses names already used by a sibling and protects distinguished folders', () => {
    const model = createModel({ population: small });
    const inbox = model.wellKnownFolder('user00001@example.test', 'inbox')?.id ?? '';
    model.createFolder(inbox, { displayName: 'Receipts' });
    expectModelError(() => model.createFolder(inbox, { displayName: 'RECEIPTS' }), 'folderExists');
    expectModelError(() => model.deleteFolder(inbox, 'hard'), 'distinguishedFolder');
    const other = model.wellKnownFolder('user00002@example.test', 'inbox')?.id ?? '';
    const [item] = model.items(inbox);
    expectModelError(() => model.moveItem(item?.id ?? '', other), 'crossMailbox');
    expectModelError(
      () => model.updateItem(item?.id ?? '', { subject: 'x' }, { ifChangeKey: 'CQAAABYAAAAAAAAAAAAAAA==' }),
      'staleChangeKey',
    );
  });

  it('makes earlier sync positions invalid through the sync epoch', () => {
    const model = createModel({ population: small });
    expect(model.syncEpoch('user00001@example.test')).toBe(0);
    model.invalidateSyncStates('user00001@example.test');
    expect(model.syncEpoch('user00001@example.test')).toBe(1);
  });
});

describe('MIME', () => {
  it('serves imported MIME byte for byte until a MIME-visible field changes', () => {
    const model = createModel({ population: small });
    const inbox = model.wellKnownFolder('user00001@example.test', 'inbox')?.id ?? '';
    const mime = Buffer.from(
      'X-Odd:  spacing \r\nFrom: a@partner.example\r\nSubject: Hello\r\nSensitivity: Private\r\n\r\nBody\r\n',
      'latin1',
    );
    const item = model.createItem(inbox, { mime });
    expect(model.mime(item.id).equals(mime)).toBe(true);
    expect(item.sensitivity).toBe('Private');
    model.updateItem(item.id, { isRead: false, categories: ['x'] });
    expect(model.mime(item.id).equals(mime)).toBe(true);
    model.updateItem(item.id, { subject: 'Changed' });
    const regenerated = model.mime(item.id).toString('latin1');
    expect(regenerated).toContain('Subject: Changed');
    expect(regenerated).toContain('X-Odd:  spacing ');
  });

  it('renders generated items as MIME that parses back to the same content', () => {
    const model = createModel({ population: { ...small, attachmentShare: 1 } });
    const inbox = model.wellKnownFolder('user00001@example.test', 'inbox')?.id ?? '';
    const [item] = model.items(inbox);
    const parsed = parseMime(model.mime(item?.id ?? ''));
    expect(parsed.subject).toBe(item?.subject);
    expect(parsed.from).toEqual(item?.from);
    expect(parsed.to).toEqual(item?.to);
    expect(parsed.sentAt).toBe(item?.sentAt);
    expect(parsed.body.content).toBe(item?.body.content);
    expect(parsed.attachments.map((a) => [a.name, a.bytes.length])).toEqual(
      item?.attachments.map((a) => [a.name, a.size]),
    );
    for (const [index, attachment] of parsed.attachments.entries()) {
      expect(
        attachment.bytes.equals(
          model.attachment(item?.attachments[index]?.id ?? '')?.content ?? Buffer.alloc(0),
        ),
      ).toBe(true);
    }
    expect(item?.size).toBe(model.mime(item?.id ?? '').length);
  });

  it('round-trips calendar items with recurrence through MIME', () => {
    const model = createModel({ population: { ...small, recurringShare: 1 } });
    const calendar = model.wellKnownFolder('user00001@example.test', 'calendar')?.id ?? '';
    const [appointment] = model.items(calendar);
    const copy = model.createItem(calendar, { kind: 'calendar', mime: model.mime(appointment?.id ?? '') });
    expect(copy.calendar).toEqual(appointment?.calendar);
    expect(copy.subject).toBe(appointment?.subject);
  });

  it('drops an attachment from the MIME when it is deleted', () => {
    const model = createModel({ population: { ...small, attachmentShare: 1 } });
    const inbox = model.wellKnownFolder('user00001@example.test', 'inbox')?.id ?? '';
    const [item] = model.items(inbox);
    const [attachment] = item?.attachments ?? [];
    const after = model.deleteAttachment(attachment?.id ?? '');
    expect(after.attachments.map((a) => a.id)).not.toContain(attachment?.id);
    expect(parseMime(model.mime(after.id)).attachments).toHaveLength((item?.attachments.length ?? 0) - 1);
    expect(after.size).toBeLessThan(item?.size ?? 0);
    expectModelError(() => model.deleteAttachment(attachment?.id ?? ''), 'attachmentNotFound');
  });
});

describe('extended properties', () => {
  it('names the same property by distinguished set or GUID', () => {
    const byName = extendedPropertyKey({
      propertySetId: DISTINGUISHED_PROPERTY_SETS['PublicStrings'] ?? '',
      name: 'X',
    });
    const byGuid = extendedPropertyKey({
      propertySetId: '{00020329-0000-0000-C000-000000000046}',
      name: 'X',
    });
    expect(byName).toBe(byGuid);
    expect(extendedPropertyKey({ tag: 0x0e07 })).toBe('tag:0x0e07');
  });

  it('maps PR_MESSAGE_FLAGS and delivery time onto fields', () => {
    const model = createModel({ population: small });
    const inbox = model.wellKnownFolder('user00001@example.test', 'inbox')?.id ?? '';
    const item = model.createItem(inbox, {
      subject: 'import',
      isDraft: true,
      extendedProperties: [
        makeExtendedProperty({ tag: 0x0e07 }, 'Integer', '1'),
        makeExtendedProperty({ tag: 0x0e06 }, 'SystemTime', '2024-05-05T05:05:05Z'),
      ],
    });
    expect(item.isDraft).toBe(false);
    expect(item.isRead).toBe(true);
    expect(item.receivedAt).toBe('2024-05-05T05:05:05Z');
    const record = model.itemRecord(item.id);
    if (!record) throw new Error('record missing');
    expect(readItemProperty(record, { tag: 0x0e08 })?.value).toBe(String(item.size));
  });
});

describe('snapshots and events', () => {
  it('diffs content before and after, independent of ids', () => {
    const model = createModel({ population: small });
    const mailbox = 'user00004@example.test';
    const inbox = model.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
    const before = model.snapshot({ mailboxes: [mailbox] });
    const [a, b, c] = model.items(inbox);
    model.moveItem(a?.id ?? '', model.wellKnownFolder(mailbox, 'archive')?.id ?? '');
    model.deleteItem(b?.id ?? '', 'hard');
    const mime = model.mime(c?.id ?? '');
    model.updateItem(c?.id ?? '', { subject: 'stubbed' });
    model.updateItem(c?.id ?? '', { mime, subject: c?.subject ?? '' });
    const after = model.snapshot({ mailboxes: [mailbox] });
    const diff = diffSnapshots(before, after);
    expect(diff.changedMailboxes).toEqual([mailbox]);
    expect(diff.moved.map((m) => [m.before.id, m.after.folder])).toEqual([
      [a?.id, 'Top of Information Store/Archive'],
      [b?.id, 'Recoverable Items/Purges'],
    ]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    const untouched = createModel({ population: small }).snapshot();
    const again = createModel({ population: small }).snapshot();
    expect(again).toEqual(untouched);
    expect(untouched.mailboxes.every((m) => m.items === undefined)).toBe(true);
  });

  it('emits an event for every mutation', () => {
    const model = createModel({ population: small });
    const events: ModelEvent['type'][] = [];
    const stop = model.onChange((e) => events.push(e.type));
    const inbox = model.wellKnownFolder('user00001@example.test', 'inbox')?.id ?? '';
    const item = model.createItem(inbox, { subject: 'x' });
    model.updateItem(item.id, { subject: 'y' });
    model.deleteItem(item.id, 'soft');
    stop();
    model.createItem(inbox, { subject: 'unseen' });
    expect(events).toEqual(['itemCreated', 'itemUpdated', 'itemDeleted', 'itemCreated']);
  });
});
