import { z } from 'zod';

/**
 * The process environment exsync reads, validated once at start. Nothing else in the code reads
 * process.env, so this is the complete list.
 */
const environmentSchema = z.object({
  /** Folder of the embedded SQLite store and other local state. Default ./data. */
  EXSYNC_DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:pass@host:port/db to share one store between hosts; unset = embedded SQLite. */
  EXSYNC_STORE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, {
      message: 'must be a postgres:// URL (leave it unset for the embedded SQLite store)',
    })
    .optional(),
  /** A site host's local configuration file (YAML/JSON), for commands that reach its directory. */
  EXSYNC_SITE_CONFIG: z.string().min(1).optional(),
  /** The admin a CLI change is attributed to when --as is not given. */
  EXSYNC_ADMIN: z.string().optional(),
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

export class EnvironmentError extends Error {}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const picked = Object.fromEntries(
    Object.keys(environmentSchema.shape).flatMap((k) =>
      env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]],
    ),
  );
  const result = environmentSchema.safeParse(picked);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new EnvironmentError(`invalid environment: ${problems.join('; ')}`);
}
