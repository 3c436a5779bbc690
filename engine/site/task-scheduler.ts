import { nextOccurrence, type ScheduleTiming } from '../scheduling/next-occurrence.ts';
import type { SchedulerClock } from './scheduler-clock.ts';

/**
 * When each task of the site fires next. Our schedules (a repeat window with any interval, one-off
 * local times, DST rules) do not map onto cron, so the firing times come from `nextOccurrence` and
 * Bree is used for what it is good at: running each run in a worker thread.
 */
export class TaskScheduler {
  private readonly armed = new Map<string, { at: Date; cancel: () => void }>();

  constructor(
    private readonly clock: SchedulerClock,
    private readonly onFire: (taskId: string, scheduledFor: Date) => void,
  ) {}

  /** (Re)arms a task; undefined timing (disabled, or a one-off in the past) unschedules it. Returns the next firing. */
  schedule(
    taskId: string,
    timing: ScheduleTiming | undefined,
    after: Date = this.clock.now(),
  ): Date | undefined {
    this.unschedule(taskId);
    const at = timing && nextOccurrence(timing, after);
    if (!at || !timing) return undefined;
    const cancel = this.clock.setTimer(at, () => {
      this.armed.delete(taskId);
      // Arm the following firing first, so a slow or failing handler cannot lose the schedule.
      this.schedule(taskId, timing, at);
      this.onFire(taskId, at);
    });
    this.armed.set(taskId, { at, cancel });
    return at;
  }

  unschedule(taskId: string): void {
    this.armed.get(taskId)?.cancel();
    this.armed.delete(taskId);
  }

  next(taskId: string): Date | undefined {
    return this.armed.get(taskId)?.at;
  }

  stop(): void {
    for (const id of [...this.armed.keys()]) this.unschedule(id);
  }
}
