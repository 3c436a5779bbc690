import type { Logger } from '../../logging/logger.ts';
import { quietLogger } from './quiet-logger.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import type { LoadedSiteConfig } from '../../site-config/index.ts';
import { ActiveDirectory, type ActiveDirectoryTuning } from './active-directory/active-directory.ts';
import { CachedDirectory, type SiteDirectory } from './cached-directory.ts';
import { DirectoryConfigError } from './directory-errors.ts';
import { MemoryMembershipCache, type MembershipCache } from './membership-cache.ts';
import { Microsoft365Directory, type Microsoft365Tuning } from './microsoft-365/microsoft-365-directory.ts';
import { StoreMembershipCache } from './store-membership-cache.ts';

export interface CreateDirectoryOptions {
  /**
   * The shared store. Given (the site runtime), the membership cache lives there and all of the site's
   * worker threads share it; without it (the CLI, tests), it lives in this process only.
   */
  readonly store?: KvStore;
  readonly clock?: Clock;
  readonly activeDirectory?: ActiveDirectoryTuning;
  readonly microsoft365?: Microsoft365Tuning;
}

/**
 * Builds the site's directory adapter from its local configuration: Active Directory (ldapts) or
 * Microsoft 365 (Graph), behind the membership cache (directory.membershipCacheMinutes; 0 turns it off).
 * Bad settings that the schema cannot see (an unreadable CA file) fail here, before any run.
 */
export function createDirectory(
  loaded: LoadedSiteConfig,
  logger: Logger = quietLogger(),
  options: CreateDirectoryOptions = {},
): SiteDirectory {
  const { config, secrets } = loaded;
  const clock = options.clock ?? systemClock;
  const log = logger.child({ component: 'directory', site: config.site });
  const settings = config.directory;
  let inner: SiteDirectory;
  let identity: string;
  if (settings.type === 'active-directory') {
    const password = secret(secrets, settings.bindPasswordEnv, 'directory.bindPasswordEnv');
    inner = new ActiveDirectory(settings, password, log, clock, options.activeDirectory);
    identity = `ad|${settings.url}|${settings.baseDn}|${options.activeDirectory?.expansion ?? settings.expansion}`;
  } else {
    const graph = config.microsoftGraph;
    if (!graph)
      throw new DirectoryConfigError('microsoftGraph: is required when directory.type is microsoft-365');
    const clientSecret = secret(secrets, graph.clientSecretEnv, 'microsoftGraph.clientSecretEnv');
    inner = new Microsoft365Directory(graph, clientSecret, settings, log, clock, options.microsoft365);
    identity = `m365|${graph.baseUrl}|${graph.tenantId}`;
  }
  if (settings.membershipCacheMinutes === 0) return inner;
  const ttlMs = settings.membershipCacheMinutes * 60_000;
  const cache: MembershipCache = options.store
    ? new StoreMembershipCache(options.store, config.site, ttlMs, clock)
    : new MemoryMembershipCache(ttlMs, clock);
  return new CachedDirectory(inner, cache, identity, log);
}

function secret(secrets: Readonly<Record<string, string>>, name: string, field: string): string {
  const value = secrets[name];
  if (value === undefined || value === '')
    throw new DirectoryConfigError(`${field}: environment variable ${name} is not set`);
  return value;
}
