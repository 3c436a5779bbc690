import { ExsyncError } from '../../errors/exsync-error.ts';

/** A microsoftGraph setting the schema could not check (an unreadable CA file). */
export class GraphConfigError extends ExsyncError {
  readonly code = 'graph-config';
}
