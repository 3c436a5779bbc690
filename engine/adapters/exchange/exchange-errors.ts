import { ExsyncError } from '../../errors/exsync-error.ts';

export type ExchangeErrorCode =
  | 'unreachable'
  | 'bad-credentials'
  | 'impersonation-denied'
  | 'mailbox-not-found'
  | 'throttled'
  | 'server-error';

/**
 * Exchange said no, or could not be reached, in a way an admin can act on. Both adapters (EWS, Graph)
 * translate their protocol's errors into these codes.
 */
export class ExchangeError extends ExsyncError {
  override readonly refused = false;

  constructor(
    readonly code: ExchangeErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
