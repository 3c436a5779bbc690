import { ConflictError } from '../errors/index.ts';
import type { RecordMeta, TaskRecord } from '../domain/records.ts';
import type { RecordRepository } from '../store/record-repository.ts';
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

/**
 * Removes a record no task uses. Checked before and again after the delete: a task created or updated
 * to point at the record between the first check and the delete would be left pointing at nothing,
 * so then the record is put back (audited as an undo) and the removal refused, naming the task.
 */
export async function removeUnused<R extends RecordMeta>(
  ctx: ServiceContext,
  repository: RecordRepository<R>,
  record: R,
  what: string,
  uses: (task: TaskRecord) => boolean,
  actor: string,
  basedOnVersion?: number,
): Promise<R> {
  await assertUnused(ctx, what, uses);
  const removed = await repository.remove(record.id, actor, basedOnVersion);
  await assertUnused(ctx, what, uses).catch(async (error: unknown) => {
    await repository.restore(removed, actor);
    throw error;
  });
  return removed;
}
