import type { Logger } from '../logging/logger.ts';
import type { DirectoryPort } from '../ports/directory.ts';
import type { KvStore } from '../ports/kv-store.ts';
import type { MailboxPort } from '../ports/mailbox.ts';
import type { LoadedSiteConfig } from '../site-config/index.ts';

/** The outside systems a run talks to, built inside each worker thread (workers share no objects). */
export interface SiteAdapters {
  readonly directory: DirectoryPort;
  readonly exchange: MailboxPort;
  close(): Promise<void>;
}

/**
 * A module that builds the adapters from a site's configuration. The site passes its path to each
 * worker; production uses `create-site-adapters.ts`, tests may pass another module.
 */
export interface SiteAdaptersModule {
  createSiteAdapters(config: LoadedSiteConfig, context: SiteAdaptersContext): Promise<SiteAdapters>;
}

/** What a worker already has that adapters may use (the membership cache lives in the store). */
export interface SiteAdaptersContext {
  readonly store: KvStore;
  readonly logger: Logger;
}
