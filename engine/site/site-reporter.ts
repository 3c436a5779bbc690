import type { SiteEvent } from '../domain/site-event.ts';
import type { Logger } from '../logging/logger.ts';
import { describeFailure } from './run-failure.ts';
import type { SiteEventLog } from './site-event-log.ts';
import type { SiteEvents } from './site-events.ts';

/**
 * What a site tells the world about itself: the log, in-process listeners (the dashboard in the site's
 * own process) and the event feed in the store (the bot, dashboards elsewhere). Warnings and errors
 * become alerts in the feed.
 */
export class SiteReporter {
  constructor(
    private readonly site: string,
    private readonly logger: Logger,
    private readonly events: SiteEvents,
    private readonly eventLog: SiteEventLog,
  ) {}

  log(level: 'info' | 'warn' | 'error', message: string, taskId?: string): void {
    const task = taskId ? { taskId } : {};
    this.logger[level]({ site: this.site, ...task }, message);
    this.events.emit('log', { level, message, ...task });
    if (level !== 'info') this.record({ type: 'alert', level, message, ...task });
  }

  warn(message: string, error: unknown): void {
    this.log('warn', `${message}: ${describeFailure(error).message}`);
  }

  /**
   * Appends to the event feed. Appends are queued in order by the log itself and never retried here:
   * a retried append that had landed would repeat.
   */
  record(event: SiteEvent): void {
    this.append(event).catch((e: unknown) =>
      this.logger.warn({ err: describeFailure(e).message, event: event.type }, 'event not recorded'),
    );
  }

  /** Appends and waits (the last event of a stopping site). */
  append(event: SiteEvent): Promise<unknown> {
    return this.eventLog.append(event);
  }
}
