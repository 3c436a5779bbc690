import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { KvStore } from '../ports/kv-store.ts';
import type { RetentionSettings } from '../site-config/schema.ts';
import { RetentionSweeper } from './retention-sweeper.ts';
import type { SiteEventLog } from './site-event-log.ts';

const DAY_MS = 86_400_000;

/**
 * The site's retention (runtime.retention): old runs and their rows, old submission payloads, old
 * audit entries and old events. One sweep at a time: two would race over the same oldest entries.
 */
export class SiteSweeper {
  private sweeping = false;

  constructor(
    private readonly store: KvStore,
    private readonly site: string,
    private readonly retention: RetentionSettings,
    private readonly o: { eventLog: SiteEventLog; clock: Clock; logger: Logger },
  ) {}

  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const now = this.o.clock.now();
      const swept = await new RetentionSweeper(this.store, this.site, this.retention).sweep(now);
      const events = await this.o.eventLog.prune(new Date(now.getTime() - this.retention.eventDays * DAY_MS));
      this.o.logger.info({ site: this.site, ...swept, events }, 'retention sweep done');
    } finally {
      this.sweeping = false;
    }
  }
}
