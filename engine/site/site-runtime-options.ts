import path from 'node:path';
import type { StoreOptions } from '../adapters/store/open-store.ts';
import type { Logger } from '../logging/logger.ts';
import type { KvStore } from '../ports/kv-store.ts';
import type { LoadedSiteConfig } from '../site-config/index.ts';
import type { RunTestHooks } from './run-test-hooks.ts';
import type { SchedulerClock } from './scheduler-clock.ts';
import type { TaskPlan } from './task-plan.ts';
import type { RunWorkerData } from './worker/run-worker-data.ts';

export interface SiteRuntimeOptions {
  loaded: LoadedSiteConfig;
  store: KvStore;
  /** How worker threads open the same store. */
  storeOptions: StoreOptions;
  logger: Logger;
  clock?: SchedulerClock;
  /** Module that builds directory and Exchange adapters in each worker (tests may substitute one). */
  adaptersModule?: string;
  /** Module that supplies the task types in each worker (tests may substitute one). */
  taskTypesModule?: string;
  /** How long a mailbox held by another task waits before it is tried again. */
  lockRetryMs?: number;
  /** Crash-safety tests end the process at exact points through these. */
  testHooks?: RunTestHooks;
}

const DEFAULT_ADAPTERS = path.resolve(import.meta.dirname, 'create-site-adapters.ts');
const DEFAULT_TASK_TYPES = path.resolve(import.meta.dirname, '../task-types/registry.ts');

export const adaptersModuleOf = (o: SiteRuntimeOptions) => o.adaptersModule ?? DEFAULT_ADAPTERS;

/** Everything a run's worker thread is given: the plan as it was at the start, and the site's settings. */
export function runWorkerData(
  o: SiteRuntimeOptions,
  plan: TaskPlan,
  runId: string,
  attemptOf: string,
): RunWorkerData {
  const { maxParallelMailboxes, passItemLimit, lockLeaseSeconds, lockWaitMinutes } = o.loaded.config.runtime;
  return {
    site: o.loaded.config.site,
    runId,
    attemptOf,
    task: plan.task,
    definition: plan.definition,
    store: o.storeOptions,
    siteConfig: o.loaded,
    adaptersModule: adaptersModuleOf(o),
    taskTypesModule: o.taskTypesModule ?? DEFAULT_TASK_TYPES,
    settings: {
      maxParallelMailboxes,
      passItemLimit,
      lockRetryMs: o.lockRetryMs ?? 5000,
      lockLeaseMs: lockLeaseSeconds * 1000,
      lockWaitMs: lockWaitMinutes * 60_000,
      ...(o.testHooks ? { testHooks: o.testHooks } : {}),
    },
    logLevel: o.logger.level,
  };
}
