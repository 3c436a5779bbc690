import { ExsyncError } from '../errors/index.ts';

/** `cancel` of a task with no run in progress: refused, so nobody believes something was stopped. */
export class NothingToCancelError extends ExsyncError {
  readonly code = 'nothing-to-cancel';

  constructor(readonly taskName: string) {
    super(`Nothing to cancel: task "${taskName}" is not running`);
  }
}
