/**
 * Base of every error the engine raises on purpose. `refused` errors are the admin's to fix (bad input,
 * a stale edit, a record in use); front-ends show their message as it is and change nothing. Anything
 * that is not an ExsyncError is a bug or an outage and is reported with its stack.
 */
export abstract class ExsyncError extends Error {
  abstract readonly code: string;
  /** True when the request was refused because of what the admin asked for, not because exsync failed. */
  readonly refused: boolean = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
