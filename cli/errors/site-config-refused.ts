import { ExsyncError, type SiteConfigError } from '../../engine/index.ts';

/** A site configuration with problems: refused (exit 2), naming the file and every problem on one line. */
export class SiteConfigRefused extends ExsyncError {
  readonly code = 'invalid-site-config';

  constructor(error: SiteConfigError) {
    super(`${error.file}: ${error.problems.join('; ')}`, { cause: error });
  }
}
