import type { RunRecord } from '../domain/run.ts';
import { RUNTIME_FAILURE_CODES } from './run-failure.ts';
import type { RunEnd } from './task-runner.ts';

/** How a run whose worker ended without saying so (terminated, crashed, silent) is recorded. */
export function describeRunEnd(
  end: RunEnd,
  graceSeconds: number,
): { state: Exclude<RunRecord['state'], 'running'>; reason: string; code: string } {
  if (end.terminated)
    return {
      state: 'cancelled',
      reason: `Cancelled; the worker did not stop within ${graceSeconds} s and was terminated`,
      code: RUNTIME_FAILURE_CODES.workerTerminated,
    };
  if (end.crash)
    return {
      state: 'failed',
      reason: `The worker stopped unexpectedly: ${end.crash}`,
      code: RUNTIME_FAILURE_CODES.workerCrashed,
    };
  return {
    state: 'failed',
    reason: 'The worker ended without reporting a result',
    code: RUNTIME_FAILURE_CODES.workerCrashed,
  };
}
