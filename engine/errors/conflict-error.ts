import { ExsyncError } from './exsync-error.ts';

/** The request is well formed but clashes with the state of the store (name taken, record in use, fixed field). */
export class ConflictError extends ExsyncError {
  readonly code: string;

  constructor(
    readonly field: string,
    reason: string,
    code: 'name-taken' | 'in-use' | 'immutable' | 'type-mismatch' = 'in-use',
  ) {
    super(`${field}: ${reason}`);
    this.code = code;
  }
}
