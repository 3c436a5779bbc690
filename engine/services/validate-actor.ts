import { actorSchema } from '../domain/actor.ts';
import { parseInput } from '../validation/parse-input.ts';

export function validateActor(actor: unknown): string {
  return parseInput(actorSchema, actor, ['actor']);
}
