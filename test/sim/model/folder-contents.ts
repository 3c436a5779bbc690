import type { ItemId } from './ids.ts';

/**
 * The items of one folder and their change history, in the folder's own monotonic sequence space.
 *
 * Generated items are virtual: item `i` was "created" at sequence i + 1 and nothing is stored for it.
 * Any later change is appended to an insertion-ordered log (an entry is re-inserted when it changes
 * again), so the log is always sorted by sequence and incremental sync reads it from a watermark on.
 * Deleted or moved-out items leave a tombstone so sync can report the deletion.
 */
export interface ChangeLogEntry {
  /** Sequence of the latest change. */
  seq: number;
  /** Sequence at which the item appeared in this folder. */
  createdSeq: number;
  /** Sequence of the latest change other than the read flag (EWS ReadFlagChange vs Update). */
  contentSeq: number;
  tombstone: boolean;
}

export class FolderContents {
  /** Latest sequence number used in this folder. */
  seq: number;
  readonly generatedCount: number;
  /** Generated indices that are no longer virtual (materialized, moved out or deleted). */
  private removedIndices: Set<number> | undefined;
  private changeLog: Map<ItemId, ChangeLogEntry> | undefined;
  private liveLogged = 0;
  /** Cached unread count; cleared on every change. */
  unreadCache: number | undefined;

  constructor(generatedCount = 0) {
    this.generatedCount = generatedCount;
    this.seq = generatedCount;
  }

  get log(): ReadonlyMap<ItemId, ChangeLogEntry> {
    return this.changeLog ?? new Map();
  }

  isVirtual(index: number): boolean {
    return index >= 0 && index < this.generatedCount && !this.removedIndices?.has(index);
  }

  /** Number of items currently in the folder. */
  get count(): number {
    return this.generatedCount - (this.removedIndices?.size ?? 0) + this.liveLogged;
  }

  /** A generated item stops being virtual (it is about to be stored, moved or deleted). */
  devirtualize(index: number): void {
    (this.removedIndices ??= new Set()).add(index);
  }

  private entries(): Map<ItemId, ChangeLogEntry> {
    return (this.changeLog ??= new Map());
  }

  /** Records a new item. */
  added(id: ItemId): number {
    const seq = ++this.seq;
    this.entries().set(id, { seq, createdSeq: seq, contentSeq: seq, tombstone: false });
    this.liveLogged++;
    this.unreadCache = undefined;
    return seq;
  }

  /** Records a change to an item that is (and stays) in this folder. */
  changed(id: ItemId, createdSeq: number, readFlagOnly: boolean): number {
    const log = this.entries();
    const existing = log.get(id);
    const seq = ++this.seq;
    if (existing) log.delete(id);
    else this.liveLogged++;
    log.set(id, {
      seq,
      createdSeq,
      contentSeq: readFlagOnly ? (existing?.contentSeq ?? createdSeq) : seq,
      tombstone: false,
    });
    this.unreadCache = undefined;
    return seq;
  }

  /** Records that an item left the folder (deleted or moved elsewhere). */
  removed(id: ItemId, createdSeq: number): number {
    const log = this.entries();
    const existing = log.get(id);
    if (existing) {
      log.delete(id);
      if (!existing.tombstone) this.liveLogged--;
    }
    const seq = ++this.seq;
    log.set(id, { seq, createdSeq, contentSeq: seq, tombstone: true });
    this.unreadCache = undefined;
    return seq;
  }

  /** createdSeq of an item known to the log, if any. */
  createdSeqOf(id: ItemId): number | undefined {
    return this.changeLog?.get(id)?.createdSeq;
  }

  /** Live generated indices, ascending. */
  *virtualIndices(from = 0): Generator<number> {
    for (let i = from; i < this.generatedCount; i++) if (!this.removedIndices?.has(i)) yield i;
  }

  /** Ids of live logged (non-virtual) items, in sequence order. */
  *loggedIds(): Generator<ItemId> {
    if (!this.changeLog) return;
    for (const [id, entry] of this.changeLog) if (!entry.tombstone) yield id;
  }
}
