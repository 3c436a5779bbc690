import type { SchedulerClock } from '../../engine/site/scheduler-clock.ts';

/** A scheduler clock tests move by hand; timers fire in time order as it passes them. */
export class ManualClock implements SchedulerClock {
  private timers: { at: number; fire: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private time: Date) {}

  now(): Date {
    return new Date(this.time);
  }

  setTimer(at: Date, fire: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: at.getTime(), fire, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Moves to `to`, firing every timer due on the way, each at its own time. */
  advanceTo(to: Date): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= to.getTime()).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.time = new Date(due.at);
      due.fire();
    }
    this.time = new Date(to);
  }
}
