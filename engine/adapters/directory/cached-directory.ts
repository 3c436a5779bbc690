import { describeTarget, type Target } from '../../domain/target.ts';
import type { Logger } from '../../logging/logger.ts';
import type {
  DirectoryGroup,
  DirectoryPort,
  GroupCatalogSource,
  Resolution,
  ResolveOptions,
} from '../../ports/directory.ts';
import { throwIfCancelled, untilCancelled } from './cancellation.ts';
import { membershipKey, type MembershipCache } from './membership-cache.ts';

/** What createDirectory returns: the port, plus the group listing the catalog publisher needs. */
export type SiteDirectory = DirectoryPort & GroupCatalogSource;

/**
 * Serves resolutions from the membership cache while they are fresh; `refresh: true` reads the directory
 * again and replaces the cached copy. The cache is an optimisation: when the store cannot be read or
 * written, the directory answers and the problem is logged.
 */
export class CachedDirectory implements SiteDirectory {
  constructor(
    private readonly inner: SiteDirectory,
    private readonly cache: MembershipCache,
    /** The directory's settings that change answers (type, URL, base DN, strategy): part of the key. */
    private readonly identity: string,
    private readonly logger: Logger,
  ) {}

  async resolve(target: Target, options: ResolveOptions = {}): Promise<Resolution> {
    const key = membershipKey(this.identity, target);
    const what = `resolving ${describeTarget(target)}`;
    throwIfCancelled(options.signal, what);
    if (!options.refresh) {
      const cached = await this.cache.get(key).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'directory: membership cache unreadable; asking the directory');
        return undefined;
      });
      if (cached) return cached;
    }
    const resolution = await untilCancelled(options.signal, what, () =>
      this.inner.resolve(target, options.signal ? { signal: options.signal } : {}),
    );
    await this.cache.set(key, resolution).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'directory: membership cache not written');
    });
    return resolution;
  }

  findGroups(prefix: string, limit?: number): Promise<DirectoryGroup[]> {
    return this.inner.findGroups(prefix, limit);
  }

  listGroups(): Promise<DirectoryGroup[]> {
    return this.inner.listGroups();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
