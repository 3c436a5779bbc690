import { ExsyncError } from './exsync-error.ts';

/** An edit was based on a version of a record that someone else has changed since. */
export class StaleVersionError extends ExsyncError {
  readonly code = 'stale-version';

  constructor(
    readonly kind: string,
    readonly label: string,
    readonly basedOn: number,
    readonly current: { version: number; modifiedBy: string; modifiedAt: string } | undefined,
  ) {
    super(
      current
        ? `version: ${kind} ${label} was changed by ${current.modifiedBy} at ${current.modifiedAt} ` +
            `(now version ${current.version}; your change was based on version ${basedOn}); reload it and try again`
        : `version: ${kind} ${label} was removed by someone else while you edited it`,
    );
  }
}
