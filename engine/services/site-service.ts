import { siteInputSchema, siteUpdateSchema } from '../domain/site.ts';
import type { SiteRecord } from '../domain/records.ts';
import type { SiteRuntimeInfo } from '../domain/site-runtime-info.ts';
import { siteInfoKey } from '../store/keys.ts';
import { ConflictError } from '../errors/index.ts';
import { parseInput } from '../validation/parse-input.ts';
import type { ServiceContext } from './service-context.ts';
import { removeUnused } from './tasks-using.ts';
import { siteHealth, type SiteHealth } from './site-health.ts';
import { validateActor } from './validate-actor.ts';

/**
 * A site as admins see it: what they configured, what the site last reported about itself, and whether
 * it is still alive (both absent until the site first started).
 */
export type SiteView = SiteRecord & { readonly runtime?: SiteRuntimeInfo; readonly health?: SiteHealth };

/** Sites as admins manage them: code, description, enabled. */
export class SiteService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(): Promise<SiteView[]> {
    const sites = (await this.ctx.sites.list()).sort((a, b) => a.code.localeCompare(b.code));
    return Promise.all(sites.map((s) => this.withRuntime(s)));
  }

  async get(code: string): Promise<SiteView> {
    return this.withRuntime(await this.ctx.sites.resolve(code.trim().toLowerCase()));
  }

  private async withRuntime(site: SiteRecord): Promise<SiteView> {
    const runtime = (await this.ctx.store.get<SiteRuntimeInfo>(siteInfoKey(site.code)))?.value;
    return runtime ? { ...site, runtime, health: siteHealth(runtime, this.ctx.clock.now()) } : site;
  }

  async create(input: unknown, actor: string): Promise<SiteRecord> {
    const by = validateActor(actor);
    const data = parseInput(siteInputSchema, input);
    return this.ctx.sites.create(data, by, data.code);
  }

  async update(code: string, input: unknown, actor: string): Promise<SiteRecord> {
    const by = validateActor(actor);
    const patch = parseInput(siteUpdateSchema, input);
    const site = await this.get(code);
    if (patch.code !== undefined && patch.code !== site.code)
      throw new ConflictError(
        'code',
        'a site code cannot change; create a new site and move its tasks',
        'immutable',
      );
    return this.ctx.sites.update(
      site.id,
      patch.version,
      (current) => ({
        code: current.code,
        description: patch.description ?? current.description,
        enabled: patch.enabled ?? current.enabled,
      }),
      by,
    );
  }

  async remove(code: string, actor: string, basedOnVersion?: number): Promise<SiteRecord> {
    const by = validateActor(actor);
    const site = await this.ctx.sites.resolve(code.trim().toLowerCase());
    return removeUnused(
      this.ctx,
      this.ctx.sites,
      site,
      'site',
      (t) => t.site === site.code,
      by,
      basedOnVersion,
    );
  }
}
