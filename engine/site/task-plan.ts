import type { DefinitionRecord, ScheduleRecord, SiteRecord, TaskRecord } from '../domain/records.ts';
import type { Services } from '../services/create-services.ts';

/** A task with what it needs to run, as the site last read them. */
export interface TaskPlan {
  readonly task: TaskRecord;
  readonly schedule: ScheduleRecord;
  readonly definition: DefinitionRecord;
}

export interface SitePlan {
  readonly site: SiteRecord | undefined;
  readonly tasks: ReadonlyMap<string, TaskPlan>;
}

/** Reads this site's tasks and everything they reference, through the same services admins use. */
export async function readSitePlan(services: Services, siteCode: string): Promise<SitePlan> {
  const [sites, tasks, schedules, definitions] = await Promise.all([
    services.sites.list(),
    services.tasks.list(),
    services.schedules.list(),
    services.definitions.list(),
  ]);
  const scheduleById = new Map(schedules.map((s) => [s.id, s]));
  const definitionById = new Map(definitions.map((d) => [d.id, d]));
  const plans = new Map<string, TaskPlan>();
  for (const view of tasks.filter((t) => t.site === siteCode)) {
    const { scheduleName: _s, definitionName: _d, ...task } = view;
    const schedule = scheduleById.get(task.scheduleId);
    const definition = definitionById.get(task.definitionId);
    // The services never leave a task pointing at nothing; a half-written change is picked up next poll.
    if (schedule && definition) plans.set(task.id, { task, schedule, definition });
  }
  return { site: sites.find((s) => s.code === siteCode), tasks: plans };
}
