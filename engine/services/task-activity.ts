import type { TaskRecord } from '../domain/records.ts';
import type { SiteRuntimeInfo } from '../domain/site-runtime-info.ts';
import type { TaskStatus } from '../domain/task-status.ts';
import { siteInfoKey, taskStatusKey } from '../store/keys.ts';
import type { ServiceContext } from './service-context.ts';
import { siteHealth, type SiteHealth } from './site-health.ts';

/** The task's site as a reader sees it now: its code, whether it is alive, and its last heartbeat. */
export interface TaskSiteView {
  readonly code: string;
  /** Absent until the site has ever started. */
  readonly health?: SiteHealth;
  readonly lastActive?: string;
}

/** What the task's site last reported about the task, and whether that site is still there to say more. */
export interface TaskActivity {
  readonly reported?: TaskStatus;
  readonly site: TaskSiteView;
}

export async function readTaskActivity(ctx: ServiceContext, task: TaskRecord): Promise<TaskActivity> {
  const [reported, info] = await Promise.all([
    ctx.store.get<TaskStatus>(taskStatusKey(task.site, task.id)),
    ctx.store.get<SiteRuntimeInfo>(siteInfoKey(task.site)),
  ]);
  const site: TaskSiteView = info
    ? { code: task.site, health: siteHealth(info.value, ctx.clock.now()), lastActive: info.value.lastActive }
    : { code: task.site };
  return reported ? { reported: reported.value, site } : { site };
}
