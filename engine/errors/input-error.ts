import { ExsyncError } from './exsync-error.ts';

/** A field of an admin's input is invalid. `field` is a dotted path such as `target.emails[2]`. */
export class InputError extends ExsyncError {
  readonly code = 'invalid-input';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }
}
