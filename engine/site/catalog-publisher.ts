import { pathToFileURL } from 'node:url';
import { publishGroupCatalog } from '../adapters/directory/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { GroupCatalogSource } from '../ports/directory.ts';
import type { KvStore } from '../ports/kv-store.ts';
import type { LoadedSiteConfig } from '../site-config/index.ts';
import type { SiteAdaptersModule } from './site-adapters.ts';

/**
 * Publishes the site's group catalog (DN, name, mail, kind, members) to the store at start and every
 * directory.catalogRefreshMinutes, so the bot's "Lookup from AD" answers without reaching into AD. A
 * failure keeps the previous catalog and is retried at the next interval.
 */
export class CatalogPublisher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** A publish of a large directory takes many seconds; stopping the site must not wait for it. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly loaded: LoadedSiteConfig,
    private readonly store: KvStore,
    private readonly logger: Logger,
    private readonly adaptersModule: string,
  ) {}

  start(): void {
    this.running = this.publish();
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.publish());
    }, this.loaded.config.directory.catalogRefreshMinutes * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }

  private async publish(): Promise<void> {
    try {
      const module = (await import(pathToFileURL(this.adaptersModule).href)) as SiteAdaptersModule;
      const adapters = await module.createSiteAdapters(this.loaded, {
        store: this.store,
        logger: this.logger,
      });
      try {
        const directory = adapters.directory as Partial<GroupCatalogSource>;
        if (typeof directory.listGroups !== 'function') {
          this.logger.debug('directory adapter cannot list groups; no group catalog published');
          return;
        }
        await publishGroupCatalog({
          site: this.loaded.config.site,
          directory: directory as GroupCatalogSource,
          store: this.store,
          logger: this.logger,
          signal: this.stopping.signal,
        });
      } finally {
        await adapters.close();
      }
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'group catalog not published; the previous one stays',
      );
    }
  }
}
