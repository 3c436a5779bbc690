import {
  createServices,
  openStore,
  readEnvironment,
  type Environment,
  type Services,
} from '../engine/index.ts';
import { createOutput, type Output } from './output/output.ts';

/** What a command needs: the services on the configured store, the acting admin, and where to print. */
export interface CliContext {
  readonly env: Environment;
  readonly output: Output;
  /** --as, else EXSYNC_ADMIN; validated by the services when a change is made. */
  readonly actor: string | undefined;
  withServices<T>(use: (services: Services) => Promise<T>): Promise<T>;
}

export interface GlobalOptions {
  json?: boolean;
  as?: string;
}

export function createCliContext(options: GlobalOptions, env: Environment = readEnvironment()): CliContext {
  return {
    env,
    output: createOutput(options.json === true),
    actor: options.as ?? env.EXSYNC_ADMIN,
    async withServices(use) {
      const store = await openStore({ dataDir: env.EXSYNC_DATA_DIR, url: env.EXSYNC_STORE_URL });
      try {
        return await use(createServices(store));
      } finally {
        await store.close();
      }
    },
  };
}
