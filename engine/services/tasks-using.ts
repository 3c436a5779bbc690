import { ConflictError } from '../errors/index.ts';
import type { TaskRecord } from '../domain/records.ts';
import type { ServiceContext } from './service-context.ts';

/** Refuses to remove a schedule, definition or site while tasks use it, naming those tasks. */
export async function assertUnused(
  ctx: ServiceContext,
  what: string,
  uses: (task: TaskRecord) => boolean,
): Promise<void> {
  const users = (await ctx.tasks.list()).filter(uses);
  if (users.length === 0) return;
  const names = users.map((t) => `"${t.name}"`).sort();
  const shown =
    names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
  throw new ConflictError(
    what,
    `is used by ${users.length === 1 ? 'task' : `${users.length} tasks`} ${shown}; change or remove ${users.length === 1 ? 'it' : 'them'} first`,
    'in-use',
  );
}
