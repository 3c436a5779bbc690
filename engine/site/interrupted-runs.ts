import type { RunRecord } from '../domain/run.ts';
import type { Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import { runPrefix } from '../store/keys.ts';
import type { TaskStatusBoard } from './task-status-board.ts';

/**
 * Closes as interrupted the runs a dead process left "running", and returns them for resuming. Safe
 * only for the holder of the site lease: no other process runs this site.
 */
export async function closeRunsLeftRunning(
  store: KvStore,
  site: string,
  clock: Clock,
  board: TaskStatusBoard,
  retry: <T>(operation: () => Promise<T>) => Promise<T>,
): Promise<RunRecord[]> {
  const runs = await retry(() => store.list<RunRecord>(runPrefix(site)));
  const closed: RunRecord[] = [];
  for (const { value: run } of runs) {
    if (run.state !== 'running') continue;
    const interrupted: RunRecord = {
      ...run,
      state: 'interrupted',
      finishedAt: clock.now().toISOString(),
      reason: `The site process (pid ${run.pid}) stopped while this run was in progress; it is resumed where it left off`,
    };
    await retry(() => board.writeRun(interrupted));
    closed.push(interrupted);
  }
  return closed;
}
