import { createLogger, type Logger } from '../../logging/logger.ts';

let quiet: Logger | undefined;

/** For callers that pass no logger (tests, scripts): one silent logger, not a new stderr stream each call. */
export function quietLogger(): Logger {
  quiet ??= createLogger({ level: 'silent' });
  return quiet;
}
