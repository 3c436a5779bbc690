import { ExsyncError } from './exsync-error.ts';

/** A reference (by id, name or code) names nothing. */
export class NotFoundError extends ExsyncError {
  readonly code = 'not-found';

  constructor(
    readonly kind: string,
    readonly ref: string,
    readonly field?: string,
  ) {
    super(`${field ? `${field}: ` : ''}${kind} "${ref}" does not exist`);
  }
}
