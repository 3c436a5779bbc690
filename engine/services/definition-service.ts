import { z } from 'zod';
import { SETTINGS_SCHEMAS, definitionInputSchema } from '../domain/definitions/index.ts';
import { nameField } from '../domain/fields.ts';
import type { DefinitionRecord } from '../domain/records.ts';
import { ConflictError } from '../errors/index.ts';
import { parseInput } from '../validation/parse-input.ts';
import type { ServiceContext } from './service-context.ts';
import { removeUnused } from './tasks-using.ts';
import { validateActor } from './validate-actor.ts';

const definitionUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  name: nameField.optional(),
  description: z.string().max(1000).optional(),
  type: z.unknown().optional(),
  settings: z.unknown().optional(),
});

/** Reusable per-type settings. A definition's type is fixed; its settings may change while tasks use it. */
export class DefinitionService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(): Promise<DefinitionRecord[]> {
    return (await this.ctx.definitions.list()).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(ref: string): Promise<DefinitionRecord> {
    return this.ctx.definitions.resolve(ref.trim());
  }

  async create(input: unknown, actor: string): Promise<DefinitionRecord> {
    const by = validateActor(actor);
    return this.ctx.definitions.create(parseInput(definitionInputSchema, input), by);
  }

  async update(ref: string, input: unknown, actor: string): Promise<DefinitionRecord> {
    const by = validateActor(actor);
    const patch = parseInput(definitionUpdateSchema, input);
    const definition = await this.get(ref);
    if (patch.type !== undefined && patch.type !== definition.type)
      throw new ConflictError(
        'type',
        `definition "${definition.name}" is a ${definition.type} definition and its type cannot change; create a new definition`,
        'immutable',
      );
    const settings =
      patch.settings === undefined
        ? undefined
        : parseInput(SETTINGS_SCHEMAS[definition.type], patch.settings, ['settings']);
    return this.ctx.definitions.update(
      definition.id,
      patch.version,
      (current) => ({
        name: patch.name ?? current.name,
        description: patch.description ?? current.description,
        type: current.type,
        settings: settings ?? current.settings,
      }),
      by,
    );
  }

  async remove(ref: string, actor: string, basedOnVersion?: number): Promise<DefinitionRecord> {
    const by = validateActor(actor);
    const definition = await this.get(ref);
    return removeUnused(
      this.ctx,
      this.ctx.definitions,
      definition,
      `definition "${definition.name}"`,
      (t) => t.definitionId === definition.id,
      by,
      basedOnVersion,
    );
  }
}
