import type { Clock } from '../ports/clock.ts';

/** A clock that can also wake the scheduler at a given time; tests substitute one they advance by hand. */
export interface SchedulerClock extends Clock {
  /** Calls `fire` at (or just after) `at`; returns a function that cancels it. */
  setTimer(at: Date, fire: () => void): () => void;
}

/** setTimeout caps delays at 2^31-1 ms (~24.8 days), so long waits are chained. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export const systemSchedulerClock: SchedulerClock = {
  now: () => new Date(),
  setTimer(at, fire) {
    let timer: NodeJS.Timeout;
    const arm = () => {
      const delay = at.getTime() - Date.now();
      timer = setTimeout(delay > MAX_DELAY_MS ? arm : fire, Math.max(0, Math.min(delay, MAX_DELAY_MS)));
      timer.unref?.();
    };
    arm();
    return () => clearTimeout(timer);
  },
};
