/**
 * A failure as it crosses the worker boundary and reaches the store: a stable code that a card or the
 * dashboard can act on (offer "check credentials", "retry", …) and the message admins read. Engine errors
 * carry their code (ExchangeError, DirectoryError, the runtime's own); anything else is unexpected.
 */
export interface Failure {
  readonly code: string;
  readonly message: string;
}

/** Codes the runtime itself gives, beside those of the Exchange and directory adapters. */
export const RUNTIME_FAILURE_CODES = {
  /** The mailbox was held by another task for longer than runtime.lockWaitMinutes. */
  lockTimeout: 'lock-timeout',
  /** The run's lease on the mailbox expired and another run took it (the worker stalled). */
  lockLost: 'lock-lost',
  /** A submission with the next sequence number was already stored by another run. */
  sequenceTaken: 'sequence-taken',
  targetUnresolved: 'target-unresolved',
  workerCrashed: 'worker-crashed',
  workerTerminated: 'worker-terminated',
  workerStartFailed: 'worker-start-failed',
  storeUnavailable: 'store-unavailable',
  unexpected: 'unexpected',
} as const;

const ENGINE_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function describeFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && ENGINE_CODE.test(code)) return { code, message };
  if (typeof code === 'string' && /^SQLITE_|^ECONNREFUSED$|^57P0\d$|^08\d{3}$/.test(code))
    return { code: RUNTIME_FAILURE_CODES.storeUnavailable, message };
  return { code: RUNTIME_FAILURE_CODES.unexpected, message };
}

/** An error with one of the runtime's codes. */
export class RunFailure extends Error {
  constructor(
    readonly code: (typeof RUNTIME_FAILURE_CODES)[keyof typeof RUNTIME_FAILURE_CODES],
    message: string,
  ) {
    super(message);
    this.name = 'RunFailure';
  }
}
