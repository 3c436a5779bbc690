import { siteInputSchema, siteUpdateSchema } from '../domain/site.ts';
import type { SiteRecord } from '../domain/records.ts';
import { ConflictError } from '../errors/index.ts';
import { parseInput } from '../validation/parse-input.ts';
import type { ServiceContext } from './service-context.ts';
import { assertUnused } from './tasks-using.ts';
import { validateActor } from './validate-actor.ts';

/** Sites as admins manage them: code, description, enabled. */
export class SiteService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(): Promise<SiteRecord[]> {
    return (await this.ctx.sites.list()).sort((a, b) => a.code.localeCompare(b.code));
  }

  async get(code: string): Promise<SiteRecord> {
    return this.ctx.sites.resolve(code.trim().toLowerCase());
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
    const site = await this.get(code);
    await assertUnused(this.ctx, 'site', (t) => t.site === site.code);
    return this.ctx.sites.remove(site.id, by, basedOnVersion);
  }
}
