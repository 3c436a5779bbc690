import type { TaskRecord } from '../domain/records.ts';
import type { RunRecord, RunTrigger } from '../domain/run.ts';
import type { SiteEvent } from '../domain/site-event.ts';
import { RUNTIME_FAILURE_CODES } from './run-failure.ts';
import type { WorkerMessage } from './worker-protocol.ts';

/** The events a run puts in its site's feed (see SiteEventLog). */
export function runStartedEvent(
  task: TaskRecord,
  runId: string,
  trigger: RunTrigger,
  requestedBy?: string,
): SiteEvent {
  return {
    type: 'run-started',
    taskId: task.id,
    taskName: task.name,
    runId,
    trigger,
    ...(requestedBy ? { requestedBy } : {}),
  };
}

export function runFinishedEvent(task: TaskRecord, run: RunRecord): SiteEvent {
  return {
    type: 'run-finished',
    taskId: task.id,
    taskName: task.name,
    runId: run.runId,
    outcome: run.state === 'running' ? 'failed' : run.state,
    counts: run.counts,
    ...(run.reason ? { reason: run.reason } : {}),
    durationMs: Math.max(0, Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt)) || 0,
  };
}

export function mailboxFailedEvent(
  task: TaskRecord,
  runId: string,
  message: Extract<WorkerMessage, { type: 'mailbox' }>,
): SiteEvent {
  return {
    type: 'mailbox-failed',
    taskId: task.id,
    taskName: task.name,
    runId,
    mailbox: message.mailbox,
    code: message.code ?? RUNTIME_FAILURE_CODES.unexpected,
    reason: message.reason ?? '',
  };
}
