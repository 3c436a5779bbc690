import { randomUUID } from 'node:crypto';
import type { SiteCommand } from '../domain/site-runtime-info.ts';
import { commandKey } from '../store/keys.ts';
import type { ServiceContext } from './service-context.ts';
import { validateActor } from './validate-actor.ts';

/**
 * "Run now" and "Cancel", for the bot, the dashboard and the CLI alike. The command is carried by the
 * store to the task's site, which picks it up within its config poll interval.
 */
export class TaskCommandService {
  constructor(private readonly ctx: ServiceContext) {}

  runNow(ref: string, actor: string): Promise<SiteCommand> {
    return this.send('run-now', ref, actor);
  }

  cancel(ref: string, actor: string): Promise<SiteCommand> {
    return this.send('cancel', ref, actor);
  }

  private async send(type: SiteCommand['type'], ref: string, actor: string): Promise<SiteCommand> {
    const by = validateActor(actor);
    const task = await this.ctx.tasks.resolve(ref.trim());
    const at = this.ctx.clock.now().toISOString();
    const command: SiteCommand = {
      id: randomUUID(),
      type,
      taskId: task.id,
      requestedBy: by,
      requestedAt: at,
    };
    await this.ctx.store.set(commandKey(task.site, at, command.id), command);
    await this.ctx.audit.append({
      actor: by,
      at,
      action: type,
      kind: 'task',
      recordId: task.id,
      label: `"${task.name}"`,
      before: null,
      after: null,
    });
    return command;
  }
}
