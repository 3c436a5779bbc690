import path from 'node:path';
import Bree from 'bree';
import type { Logger } from '../logging/logger.ts';
import { CANCEL, isWorkerMessage, type WorkerMessage } from './worker-protocol.ts';
import type { RunWorkerData } from './worker/run-worker-data.ts';

const WORKER_FILE = path.resolve(import.meta.dirname, 'worker/run-task.worker.mjs');

export interface RunEnd {
  /** Set when the worker died instead of finishing (uncaught error, terminated, non-zero exit). */
  readonly crash?: string;
  /** True when the site terminated it after the cancel grace period. */
  readonly terminated: boolean;
}

export interface TaskRunnerOptions {
  logger: Logger;
  onMessage(runId: string, message: WorkerMessage): void;
  onEnd(runId: string, end: RunEnd): void;
}

/**
 * Runs each task run in its own Bree worker thread and tells the site what the worker says and how it
 * ended. Bree's own stop() waits forever for a worker that ignores 'cancel'
 * (https://github.com/breejs/bree/issues/49), so cancellation here is 'cancel' first and terminate
 * after a grace period.
 */
export class TaskRunner {
  private readonly bree: Bree;
  private readonly crashes = new Map<string, string>();
  private readonly terminated = new Set<string>();
  private readonly killTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: TaskRunnerOptions) {
    const log = options.logger.child({ component: 'bree' });
    this.bree = new Bree({
      root: false,
      doRootCheck: false,
      removeCompleted: true,
      jobs: [],
      logger: {
        info: (message: unknown) => log.debug(String(message)),
        warn: (message: unknown) => log.warn(String(message)),
        error: (message: unknown) => log.error(String(message)),
      },
      workerMessageHandler: ({ name, message }: { name: string; message: unknown }) => {
        if (isWorkerMessage(message)) options.onMessage(name, message);
      },
      errorHandler: (error: unknown, meta: { name?: string }) => {
        const message = error instanceof Error ? error.message : String(error);
        if (meta.name && !this.crashes.has(meta.name)) this.crashes.set(meta.name, message);
      },
    });
    this.bree.on('worker deleted', (name: string) => this.ended(name));
  }

  async start(data: RunWorkerData): Promise<void> {
    await this.bree.add({ name: data.runId, path: WORKER_FILE, worker: { workerData: data } });
    await this.bree.run(data.runId);
  }

  isRunning(runId: string): boolean {
    return this.bree.workers.has(runId);
  }

  /** Asks the worker to stop; terminates it if it has not ended after `graceMs`. */
  cancel(runId: string, graceMs: number): void {
    const worker = this.bree.workers.get(runId);
    if (!worker || this.killTimers.has(runId)) return;
    worker.postMessage(CANCEL);
    this.killTimers.set(
      runId,
      setTimeout(() => {
        if (!this.bree.workers.has(runId)) return;
        this.terminated.add(runId);
        void this.bree.workers.get(runId)?.terminate();
      }, graceMs),
    );
  }

  /** Cancels every run and waits until all workers are gone (site shutdown). */
  async stopAll(graceMs: number): Promise<void> {
    for (const runId of this.bree.workers.keys()) this.cancel(runId, graceMs);
    while (this.bree.workers.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private ended(runId: string): void {
    clearTimeout(this.killTimers.get(runId));
    this.killTimers.delete(runId);
    const crash = this.crashes.get(runId);
    const terminated = this.terminated.delete(runId);
    this.crashes.delete(runId);
    this.options.onEnd(runId, { terminated, ...(crash ? { crash } : {}) });
  }
}
