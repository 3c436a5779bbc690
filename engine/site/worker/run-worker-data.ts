import type { DefinitionRecord, TaskRecord } from '../../domain/records.ts';
import type { StoreOptions } from '../../adapters/store/open-store.ts';
import type { RunSettings } from '../run-executor.ts';
import type { LoadedSiteConfig } from '../../site-config/index.ts';

/** Everything a run's worker thread needs; plain data, copied into the thread by Bree. */
export interface RunWorkerData {
  readonly site: string;
  readonly runId: string;
  /** The first attempt's run id (equal to runId unless this run resumes one a crash interrupted). */
  readonly attemptOf: string;
  /** The task and definition as they were when the run started; later edits apply to the next run. */
  readonly task: TaskRecord;
  readonly definition: DefinitionRecord;
  readonly store: StoreOptions;
  /** The site's configuration as the site loaded it (secrets included: worker threads share the process). */
  readonly siteConfig: LoadedSiteConfig;
  /** Absolute path of the module that builds the adapters (see SiteAdaptersModule). */
  readonly adaptersModule: string;
  /** Absolute path of the module that supplies task types (the production registry unless a test says). */
  readonly taskTypesModule: string;
  readonly settings: RunSettings;
  /** The site's log level; a worker logs to stderr like its site. */
  readonly logLevel: string;
}
