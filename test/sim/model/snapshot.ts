import { createHash } from 'node:crypto';
import type { MailboxModel } from './model.ts';
import type { ItemView } from './views.ts';

/**
 * Before/after comparisons of mailbox content. A detailed mailbox snapshot lists every folder and a
 * content digest per item (MIME bytes plus the properties MIME does not carry). Content digests do not
 * depend on how an item is stored, so an item restored byte for byte has the digest it had before.
 * Mailboxes nothing has changed are summarised by a digest of their generation parameters unless
 * detail is asked for, which keeps a snapshot of a million-mailbox population cheap.
 */

export interface ItemSnapshot {
  id: string;
  immutableId: string;
  /** Folder path joined with "/" (e.g. "Top of Information Store/Inbox"). */
  folder: string;
  subject: string;
  digest: string;
}

export interface FolderSnapshot {
  id: string;
  path: string;
  itemCount: number;
  extendedProperties: string;
}

export interface MailboxSnapshot {
  id: string;
  primarySmtp: string;
  /** False when the mailbox is exactly as generated; then `digest` summarises it and details are optional. */
  materialized: boolean;
  digest: string;
  folders?: FolderSnapshot[];
  items?: ItemSnapshot[];
}

export interface ModelSnapshot {
  mailboxes: MailboxSnapshot[];
}

export interface SnapshotOptions {
  /** Mailboxes to include (GUID or address). @default all */
  mailboxes?: string[];
  /** 'all': list folders and items of every included mailbox; 'materialized': only of changed ones. @default 'all' when mailboxes are given, else 'materialized' */
  detail?: 'all' | 'materialized';
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Digest of an item's content: its MIME bytes and every property MIME does not carry. */
export function itemContentDigest(model: MailboxModel, item: ItemView): string {
  const mimeDigest = sha256(model.mime(item.id));
  const props = {
    kind: item.kind,
    itemClass: item.itemClass,
    sensitivity: item.sensitivity,
    importance: item.importance,
    isRead: item.isRead,
    isDraft: item.isDraft,
    flag: item.flag,
    categories: item.categories,
    receivedAt: item.receivedAt,
    calendar: item.calendar ?? null,
    extendedProperties: [...item.extendedProperties].sort((a, b) => a.key.localeCompare(b.key)),
    mimeDigest,
  };
  return sha256(JSON.stringify(props));
}

export function takeSnapshot(model: MailboxModel, options: SnapshotOptions = {}): ModelSnapshot {
  const detail = options.detail ?? (options.mailboxes ? 'all' : 'materialized');
  const records = options.mailboxes
    ? options.mailboxes.map((m) => {
        const record = model.mailbox(m);
        if (!record) throw new Error(`no mailbox ${m}`);
        return record;
      })
    : [...model.mailboxes()];
  const populationDigest = sha256(JSON.stringify(model.population));
  const mailboxes = records.map((record): MailboxSnapshot => {
    const materialized = model.isMaterialized(record.id);
    const base = { id: record.id, primarySmtp: record.primarySmtp, materialized };
    if (!materialized && detail === 'materialized') {
      return { ...base, digest: sha256(`${populationDigest}|${JSON.stringify(record)}`) };
    }
    const folders: FolderSnapshot[] = [];
    const items: ItemSnapshot[] = [];
    for (const folder of model.folders(record.id)) {
      const path = folder.path.join('/');
      folders.push({
        id: folder.id,
        path,
        itemCount: folder.totalCount,
        extendedProperties: JSON.stringify(
          [...folder.extendedProperties].sort((a, b) => a.key.localeCompare(b.key)),
        ),
      });
      for (const item of model.items(folder.id)) {
        items.push({
          id: item.id,
          immutableId: item.immutableId,
          folder: path,
          subject: item.subject,
          digest: itemContentDigest(model, item),
        });
      }
    }
    const digest = sha256(
      JSON.stringify([
        folders.map((f) => [f.path, f.extendedProperties]).sort(),
        items.map((i) => `${i.folder}|${i.digest}`).sort(),
      ]),
    );
    return { ...base, digest, folders, items };
  });
  return { mailboxes };
}

export interface SnapshotDiff {
  /** Mailboxes whose digest differs. */
  changedMailboxes: string[];
  /** Items (by content digest) present only after, only before, or whose folder changed, per mailbox. */
  added: ItemSnapshot[];
  removed: ItemSnapshot[];
  moved: { before: ItemSnapshot; after: ItemSnapshot }[];
  foldersAdded: string[];
  foldersRemoved: string[];
}

/**
 * Compares two snapshots by content: an item counts as unchanged when an item with the same digest
 * exists in the same folder path afterwards, whatever its id. Mailboxes without detail on both sides
 * are compared by digest only.
 */
export function diffSnapshots(before: ModelSnapshot, after: ModelSnapshot): SnapshotDiff {
  const diff: SnapshotDiff = {
    changedMailboxes: [],
    added: [],
    removed: [],
    moved: [],
    foldersAdded: [],
    foldersRemoved: [],
  };
  const afterById = new Map(after.mailboxes.map((m) => [m.id, m]));
  for (const b of before.mailboxes) {
    const a = afterById.get(b.id);
    if (!a) {
      diff.changedMailboxes.push(b.primarySmtp);
      continue;
    }
    if (a.digest !== b.digest) diff.changedMailboxes.push(b.primarySmtp);
    if (!a.items || !b.items || !a.folders || !b.folders) continue;
    const beforePaths = new Set(b.folders.map((f) => f.path));
    const afterPaths = new Set(a.folders.map((f) => f.path));
    for (const path of afterPaths)
      if (!beforePaths.has(path)) diff.foldersAdded.push(`${a.primarySmtp}:${path}`);
    for (const path of beforePaths)
      if (!afterPaths.has(path)) diff.foldersRemoved.push(`${b.primarySmtp}:${path}`);
    const remaining = new Map<string, ItemSnapshot[]>();
    for (const item of a.items) {
      const key = `${item.folder}|${item.digest}`;
      remaining.set(key, [...(remaining.get(key) ?? []), item]);
    }
    const unmatchedBefore: ItemSnapshot[] = [];
    for (const item of b.items) {
      const list = remaining.get(`${item.folder}|${item.digest}`);
      if (list?.length) list.pop();
      else unmatchedBefore.push(item);
    }
    const unmatchedAfter = [...remaining.values()].flat();
    for (const item of unmatchedBefore) {
      const index = unmatchedAfter.findIndex((x) => x.digest === item.digest);
      if (index >= 0) {
        const [match] = unmatchedAfter.splice(index, 1);
        if (match) diff.moved.push({ before: item, after: match });
      } else {
        diff.removed.push(item);
      }
    }
    diff.added.push(...unmatchedAfter);
  }
  for (const a of after.mailboxes)
    if (!before.mailboxes.some((b) => b.id === a.id)) diff.changedMailboxes.push(a.primarySmtp);
  return diff;
}
