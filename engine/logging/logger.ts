import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * The one logger product code uses. It writes JSON lines to stderr by default so stdout stays clean
 * for `--json` output; the dashboard passes a file destination so nothing reaches its terminal.
 * Secrets are redacted by path wherever they appear in logged objects.
 */
export function createLogger(
  options: { level?: string; name?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      name: options.name ?? 'exsync',
      level: options.level ?? 'info',
      redact: {
        paths: ['*.password', '*.secret', '*.clientSecret', '*.token', 'password', 'secret', 'clientSecret'],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination(2),
  );
}
