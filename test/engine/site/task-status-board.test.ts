import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/adapters/store/open-store.ts';
import type { RunMailboxRow, RunRecord } from '../../../engine/domain/run.ts';
import type { TaskRecord } from '../../../engine/domain/records.ts';
import type { KvStore } from '../../../engine/ports/kv-store.ts';
import { runKey, runMailboxPrefix } from '../../../engine/store/keys.ts';
import { RunTracker } from '../../../engine/site/run-tracker.ts';
import { SiteEvents } from '../../../engine/site/site-events.ts';
import { TaskStatusBoard } from '../../../engine/site/task-status-board.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { RecordingStore } from './fixtures/recording-store.ts';

const dir = tempDir();
const opened: KvStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const clock = { now: () => new Date('2026-11-29T12:00:00Z') };
const task = { id: 'task-1', version: 1 } as TaskRecord;
const mailboxes = Array.from({ length: 2000 }, (_, i) => `user${String(i).padStart(4, '0')}@contoso.com`);

async function setUp() {
  const inner = await openStore({ dataDir: dir, namespace: `board${opened.length}${Date.now()}` });
  opened.push(inner);
  const counting = new RecordingStore(inner);
  // A long coalescing window: the test decides when to flush.
  const board = new TaskStatusBoard(counting.store, 'lon-01', clock, new SiteEvents(), 60_000);
  const tracker = new RunTracker(task, 'run-1', 'lon-01', 'manual', 'run-1', clock);
  const rows = async () =>
    Object.fromEntries(
      (await inner.list<RunMailboxRow>(runMailboxPrefix('lon-01', task.id, 'run-1'))).map((e) => [
        e.value.mailbox,
        e.value,
      ]),
    );
  return { inner, counting, board, tracker, rows };
}

const rowKey = (mailbox: string) => `${runMailboxPrefix('lon-01', task.id, 'run-1')}${mailbox}`;
const RUN_KEY = runKey('lon-01', task.id, 'run-1');

describe('TaskStatusBoard writes a run as its summary plus the mailbox rows that changed', () => {
  it('writes every row once at resolution, then only the rows changed since the last write', async () => {
    const { inner, counting, board, tracker, rows } = await setUp();
    await board.writeRun(tracker);
    expect(counting.takeWrites()).toEqual([RUN_KEY]);

    tracker.apply({ type: 'resolved', mailboxes, skipped: [], warnings: [] });
    await board.writeRun(tracker);
    const first = counting.takeWrites();
    expect(first).toHaveLength(mailboxes.length + 1);
    expect(new Set(first).size).toBe(first.length);

    // Progress on three mailboxes, coalesced: each row is written once, with its latest state.
    for (const m of ['user0003@contoso.com', 'user1500@contoso.com']) {
      tracker.apply({ type: 'mailbox', mailbox: m, state: 'Running' });
      await board.writeRun(tracker, false);
      tracker.apply({ type: 'submitted', mailbox: m });
      tracker.apply({ type: 'mailbox', mailbox: m, state: 'Healthy' });
      await board.writeRun(tracker, false);
    }
    tracker.apply({ type: 'mailbox', mailbox: 'user0007@contoso.com', state: 'Failed', reason: 'gone' });
    await board.writeRun(tracker, false);
    expect(counting.writes).toEqual([]); // nothing until the window closes or a flush
    await board.flush();
    expect(counting.takeWrites().sort()).toEqual(
      [
        RUN_KEY,
        rowKey('user0003@contoso.com'),
        rowKey('user0007@contoso.com'),
        rowKey('user1500@contoso.com'),
      ].sort(),
    );

    const summary = (await inner.get<RunRecord>(RUN_KEY))?.value;
    expect(summary).toMatchObject({ state: 'running', counts: { total: 2000, done: 2, failed: 1 } });
    expect(summary).not.toHaveProperty('mailboxes');
    const stored = await rows();
    expect(Object.keys(stored)).toHaveLength(2000);
    expect(stored['user1500@contoso.com']).toMatchObject({ state: 'Healthy', submissions: 1 });
    expect(stored['user0007@contoso.com']).toMatchObject({ state: 'Failed', reason: 'gone' });
    expect(stored['user0008@contoso.com']).toMatchObject({ state: 'Pending' });

    // The end of the run writes the summary and only the rows it changed (none here).
    tracker.apply({ type: 'finished', outcome: 'partial', reason: '1 of 2000 mailboxes failed' });
    await board.writeRun(tracker);
    expect(counting.takeWrites()).toEqual([RUN_KEY]);
  });

  it('keeps the rows a failed write did not store, and writes them with the next flush', async () => {
    const { counting, board, tracker, rows } = await setUp();
    tracker.apply({ type: 'resolved', mailboxes: mailboxes.slice(0, 300), skipped: [], warnings: [] });
    counting.failNextWrites = 1;
    await expect(board.writeRun(tracker)).rejects.toThrow(/SQLITE_BUSY/);
    tracker.apply({ type: 'mailbox', mailbox: 'user0001@contoso.com', state: 'Healthy' });
    await board.flush();
    const stored = await rows();
    expect(Object.keys(stored)).toHaveLength(300);
    expect(stored['user0001@contoso.com']?.state).toBe('Healthy');
    expect(stored['user0299@contoso.com']?.state).toBe('Pending');
  });

  it('flushes one at a time, so a row is never overwritten by an older value', async () => {
    const { board, tracker, rows } = await setUp();
    tracker.apply({ type: 'resolved', mailboxes, skipped: [], warnings: [] });
    const big = board.writeRun(tracker); // 2,000 rows, the last one Pending
    await new Promise((r) => setTimeout(r, 5)); // that write is under way
    tracker.apply({ type: 'mailbox', mailbox: 'user1999@contoso.com', state: 'Healthy' });
    const small = board.writeRun(tracker);
    await Promise.all([big, small]);
    expect((await rows())['user1999@contoso.com']?.state).toBe('Healthy');
  });
});
