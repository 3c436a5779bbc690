import { TASK_TYPE_LABELS } from '../domain/definitions/index.ts';
import type { DefinitionRecord, RecordMeta, ScheduleRecord, TaskRecord } from '../domain/records.ts';
import { sameTarget, targetSchema, type Target } from '../domain/target.ts';
import { taskInputSchema, taskUpdateSchema } from '../domain/task.ts';
import { ConflictError, NotFoundError } from '../errors/index.ts';
import { parseInput } from '../validation/parse-input.ts';
import type { ServiceContext } from './service-context.ts';
import { toTaskView, type TaskView } from './task-view.ts';
import { validateActor } from './validate-actor.ts';

const FIXED_FIELD_HINT = 'remove the task and create a new one';

/**
 * Exchange tasks. After creation only the schedule and the definition change what a task does; its
 * site, type, target and name are fixed (MSE "Changing a Task"), so a change there is refused with
 * the way forward.
 */
export class TaskService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(): Promise<TaskView[]> {
    const [tasks, schedules, definitions] = await Promise.all([
      this.ctx.tasks.list(),
      this.ctx.schedules.list(),
      this.ctx.definitions.list(),
    ]);
    const byId = <R extends RecordMeta>(rs: R[]) => new Map(rs.map((r) => [r.id, r]));
    return tasks
      .map((t) => toTaskView(t, byId(schedules), byId(definitions)))
      .sort((a, b) => a.site.localeCompare(b.site) || a.name.localeCompare(b.name));
  }

  async get(ref: string): Promise<TaskView> {
    return this.view(await this.ctx.tasks.resolve(ref.trim()));
  }

  async create(input: unknown, actor: string): Promise<TaskView> {
    const by = validateActor(actor);
    const data = parseInput(taskInputSchema, input);
    const site = await this.ctx.sites.resolve(data.site.toLowerCase(), 'site');
    const schedule = await this.ctx.schedules.resolve(data.schedule, 'schedule');
    const definition = await this.ctx.definitions.resolve(data.definition, 'definition');
    assertTypeMatches(definition, data.type);
    const task = await this.ctx.tasks.create(
      {
        name: data.name,
        description: data.description,
        site: site.code,
        type: data.type,
        definitionId: definition.id,
        scheduleId: schedule.id,
        target: data.target,
        enabled: data.enabled,
      },
      by,
    );
    await this.assertReferencesStillExist(task, by);
    return this.view(task);
  }

  async update(ref: string, input: unknown, actor: string): Promise<TaskView> {
    const by = validateActor(actor);
    const patch = parseInput(taskUpdateSchema, input);
    const task = await this.ctx.tasks.resolve(ref.trim());
    const site = typeof patch.site === 'string' ? patch.site.trim().toLowerCase() : patch.site;
    if (site !== undefined && site !== task.site)
      throw new ConflictError(
        'site',
        `a task's site cannot change (it runs on ${task.site}); ${FIXED_FIELD_HINT} on the other site`,
        'immutable',
      );
    if (patch.type !== undefined && patch.type !== task.type)
      throw new ConflictError(
        'type',
        `a task's type cannot change (it is ${task.type}); ${FIXED_FIELD_HINT}`,
        'immutable',
      );
    if (patch.target !== undefined && !sameTarget(parseTargetLoosely(patch.target), task.target))
      throw new ConflictError('target', `a task's target cannot change; ${FIXED_FIELD_HINT}`, 'immutable');
    if (patch.name !== undefined && patch.name !== task.name)
      throw new ConflictError('name', `a task's name cannot change; ${FIXED_FIELD_HINT}`, 'immutable');
    const schedule =
      patch.schedule === undefined ? undefined : await this.ctx.schedules.resolve(patch.schedule, 'schedule');
    const definition =
      patch.definition === undefined
        ? undefined
        : await this.ctx.definitions.resolve(patch.definition, 'definition');
    if (definition) assertTypeMatches(definition, task.type);
    const updated = await this.ctx.tasks.update(
      task.id,
      patch.version,
      (current) => ({
        name: current.name,
        description: patch.description ?? current.description,
        site: current.site,
        type: current.type,
        target: current.target,
        scheduleId: schedule?.id ?? current.scheduleId,
        definitionId: definition?.id ?? current.definitionId,
        enabled: patch.enabled ?? current.enabled,
      }),
      by,
    );
    await this.assertUpdateReferencesStillExist(task, updated, by);
    return this.view(updated);
  }

  async remove(ref: string, actor: string, basedOnVersion?: number): Promise<TaskView> {
    const by = validateActor(actor);
    const task = await this.ctx.tasks.resolve(ref.trim());
    const view = await this.view(task);
    await this.ctx.tasks.remove(task.id, by, basedOnVersion);
    return view;
  }

  private async view(task: TaskRecord): Promise<TaskView> {
    const [schedule, definition] = await Promise.all([
      this.ctx.schedules.findById(task.scheduleId),
      this.ctx.definitions.findById(task.definitionId),
    ]);
    const one = <R extends RecordMeta>(r: R | undefined) => new Map<string, R>(r ? [[r.id, r]] : []);
    return toTaskView(task, one<ScheduleRecord>(schedule), one<DefinitionRecord>(definition));
  }

  /** A schedule or definition removed while we created the task: undo, so no task points at nothing. */
  private async assertReferencesStillExist(task: TaskRecord, actor: string): Promise<void> {
    const missing = await missingReference(this.ctx, task);
    if (!missing) return;
    await this.ctx.tasks.remove(task.id, actor);
    throw missing;
  }

  /**
   * The same for an update: a schedule or definition removed between our read and our write would leave
   * the task pointing at nothing, which its site would then drop. Each update answers for the references
   * it set (a removal answers for those tasks already had): undo our change and refuse.
   */
  private async assertUpdateReferencesStillExist(
    before: TaskRecord,
    written: TaskRecord,
    actor: string,
  ): Promise<void> {
    const missing = await missingReference(this.ctx, written, {
      schedule: written.scheduleId !== before.scheduleId,
      definition: written.definitionId !== before.definitionId,
    });
    if (!missing) return;
    await this.ctx.tasks.undoUpdate(before, written, actor);
    throw missing;
  }
}

/** The first reference of `task` (of those asked about) that no longer exists, as the error to refuse with. */
async function missingReference(
  ctx: ServiceContext,
  task: TaskRecord,
  check: { site?: boolean; schedule: boolean; definition: boolean } = {
    site: true,
    schedule: true,
    definition: true,
  },
): Promise<NotFoundError | undefined> {
  const [site, schedule, definition] = await Promise.all([
    check.site ? ctx.sites.findById(task.site) : true,
    check.schedule ? ctx.schedules.findById(task.scheduleId) : true,
    check.definition ? ctx.definitions.findById(task.definitionId) : true,
  ]);
  if (!site) return new NotFoundError('site', task.site, 'site');
  if (!schedule) return new NotFoundError('schedule', task.scheduleId, 'schedule');
  if (!definition) return new NotFoundError('definition', task.definitionId, 'definition');
  return undefined;
}

function assertTypeMatches(definition: DefinitionRecord, type: TaskRecord['type']): void {
  if (definition.type !== type)
    throw new ConflictError(
      'definition',
      `"${definition.name}" is a ${TASK_TYPE_LABELS[definition.type]} definition; this task is ${TASK_TYPE_LABELS[type]}`,
      'type-mismatch',
    );
}

/** The target as sent back (perhaps from `show`), normalised like on creation; an invalid one is a change. */
function parseTargetLoosely(target: unknown): Target {
  try {
    return parseInput(targetSchema, target, ['target']);
  } catch {
    throw new ConflictError('target', `a task's target cannot change; ${FIXED_FIELD_HINT}`, 'immutable');
  }
}
