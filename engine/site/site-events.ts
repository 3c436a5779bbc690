import { EventEmitter } from 'node:events';
import type { RunRecord } from '../domain/run.ts';
import type { TaskStatus } from '../domain/task-status.ts';

/** What a site tells in-process listeners (the dashboard) as it happens; the same facts go to the store. */
export type SiteEventMap = {
  'task-status': [TaskStatus];
  'run-updated': [RunRecord];
  log: [{ level: 'info' | 'warn' | 'error'; message: string; taskId?: string }];
};

export class SiteEvents extends EventEmitter<SiteEventMap> {}
