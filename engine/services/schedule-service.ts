import { scheduleInputSchema, scheduleUpdateSchema } from '../domain/schedule.ts';
import type { ScheduleRecord } from '../domain/records.ts';
import { parseInput } from '../validation/parse-input.ts';
import type { ServiceContext } from './service-context.ts';
import { removeUnused } from './tasks-using.ts';
import { validateActor } from './validate-actor.ts';

/** Reusable schedules; one in use by a task cannot be removed. */
export class ScheduleService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(): Promise<ScheduleRecord[]> {
    return (await this.ctx.schedules.list()).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(ref: string): Promise<ScheduleRecord> {
    return this.ctx.schedules.resolve(ref.trim());
  }

  async create(input: unknown, actor: string): Promise<ScheduleRecord> {
    const by = validateActor(actor);
    return this.ctx.schedules.create(parseInput(scheduleInputSchema, input), by);
  }

  async update(ref: string, input: unknown, actor: string): Promise<ScheduleRecord> {
    const by = validateActor(actor);
    const patch = parseInput(scheduleUpdateSchema, input);
    const schedule = await this.get(ref);
    return this.ctx.schedules.update(
      schedule.id,
      patch.version,
      (current) => ({
        name: patch.name ?? current.name,
        description: patch.description ?? current.description,
        timeZone: patch.timeZone ?? current.timeZone,
        recurrence: patch.recurrence ?? current.recurrence,
      }),
      by,
    );
  }

  async remove(ref: string, actor: string, basedOnVersion?: number): Promise<ScheduleRecord> {
    const by = validateActor(actor);
    const schedule = await this.get(ref);
    return removeUnused(
      this.ctx,
      this.ctx.schedules,
      schedule,
      `schedule "${schedule.name}"`,
      (t) => t.scheduleId === schedule.id,
      by,
      basedOnVersion,
    );
  }
}
