import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { openStore } from '../../adapters/store/open-store.ts';
import { createLogger } from '../../logging/logger.ts';
import { openPlatform, type Platform } from '../../platform/open-platform.ts';
import type { KvStore } from '../../ports/kv-store.ts';
import { systemClock } from '../../ports/clock.ts';
import type { TaskTypesModule } from '../../task-types/registry.ts';
import { executeRun } from '../run-executor.ts';
import { describeFailure } from '../run-failure.ts';
import type { SiteAdaptersModule } from '../site-adapters.ts';
import { CANCEL, DONE, type WorkerMessage } from '../worker-protocol.ts';
import type { RunWorkerData } from './run-worker-data.ts';

/**
 * The worker side of a run: build its own store and adapters, execute, report, and always finish
 * with Bree's 'done' so the site knows the run ended on purpose (a worker that dies never says it).
 */
const port = parentPort;
if (!port) throw new Error('run-task-entry must run in a worker thread');
const data = workerData as { job?: unknown } & RunWorkerData satisfies RunWorkerData;
const controller = new AbortController();
port.on('message', (message: unknown) => {
  if (message === CANCEL) controller.abort();
});
const post = (message: WorkerMessage) => port.postMessage(message);

let store: KvStore | undefined;
let platform: Platform | undefined;
try {
  store = await openStore(data.store);
  platform = await openPlatform(data.store);
  const module = (await import(pathToFileURL(data.adaptersModule).href)) as SiteAdaptersModule;
  const taskTypes = (await import(pathToFileURL(data.taskTypesModule).href)) as TaskTypesModule;
  const handler = taskTypes.handlerFor(data.definition.type);
  const logger = createLogger({ level: data.logLevel, name: `exsync-run-${data.runId}` });
  const adapters = await module.createSiteAdapters(data.siteConfig, { store, logger });
  try {
    await executeRun({
      site: data.site,
      runId: data.runId,
      attemptOf: data.attemptOf,
      task: data.task,
      definition: data.definition,
      store,
      directory: adapters.directory,
      exchange: adapters.exchange,
      handler,
      platform,
      settings: data.settings,
      clock: systemClock,
      signal: controller.signal,
      post,
    });
  } finally {
    await adapters.close();
  }
} catch (error) {
  const failure = describeFailure(error);
  post({ type: 'finished', outcome: 'failed', reason: failure.message, code: failure.code });
} finally {
  await platform?.close().catch(() => undefined);
  await store?.close().catch(() => undefined);
  port.postMessage(DONE);
}
