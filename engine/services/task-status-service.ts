import type { TaskStatus } from '../domain/task-status.ts';
import { taskStatusKey } from '../store/keys.ts';
import type { ServiceContext } from './service-context.ts';

/** Reads the status a site reports for a task (the site is the only writer of that key). */
export class TaskStatusService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(ref: string): Promise<TaskStatus> {
    const task = await this.ctx.tasks.resolve(ref.trim());
    const reported = await this.ctx.store.get<TaskStatus>(taskStatusKey(task.site, task.id));
    if (reported) return reported.value;
    const site = await this.ctx.sites.findById(task.site);
    const disabled = !task.enabled || site?.enabled === false;
    return {
      taskId: task.id,
      state: disabled ? 'Disabled' : 'Not yet reported',
      command: '',
      latestDetail: disabled
        ? `${!task.enabled ? 'The task' : `Site ${task.site}`} is disabled`
        : `Site ${task.site} has not picked this task up yet`,
      sequence: 0,
    };
  }
}
