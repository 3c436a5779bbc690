import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { RunTrigger } from '../domain/run.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { readConfigVersion } from '../store/config-version.ts';
import { ENGINE_VERSION } from '../version.ts';
import { newRunId, type ActiveRun } from './active-run.ts';
import { CatalogPublisher } from './catalog-publisher.ts';
import { takeCommands } from './command-inbox.ts';
import { closeRunsLeftRunning } from './interrupted-runs.ts';
import { MailboxLocks } from './mailbox-lock.ts';
import { planChange } from './plan-change.ts';
import { recordRunEnd } from './run-end-recording.ts';
import { mailboxFailedEvent, runFinishedEvent, runStartedEvent } from './run-events.ts';
import { describeFailure, RUNTIME_FAILURE_CODES } from './run-failure.ts';
import { RunTracker } from './run-tracker.ts';
import { systemSchedulerClock, type SchedulerClock } from './scheduler-clock.ts';
import { SiteEventLog } from './site-event-log.ts';
import { SiteEvents } from './site-events.ts';
import { SiteLease } from './site-lease.ts';
import { SiteRegistration } from './site-registration.ts';
import { SiteReporter } from './site-reporter.ts';
import { adaptersModuleOf, runWorkerData, type SiteRuntimeOptions } from './site-runtime-options.ts';
import { SiteSweeper } from './site-sweeper.ts';
import { withStoreRetry } from './store-retry.ts';
import { readSitePlan, type TaskPlan } from './task-plan.ts';
import { TaskRunner, type RunEnd } from './task-runner.ts';
import { TaskScheduler } from './task-scheduler.ts';
import { summarise, TaskStatusBoard, type TaskMemory } from './task-status-board.ts';
import type { WorkerMessage } from './worker-protocol.ts';

interface TaskRef {
  readonly taskId: string;
  readonly taskName: string;
}

/** A site's lease lasts this many heartbeats, so one or two missed beats never lose it. */
const LEASE_HEARTBEATS = 3;

/**
 * A running site: takes the site's lease (one process per site code), registers itself and heartbeats,
 * follows config changes within the poll interval, fires tasks on their schedules, runs each run in a
 * worker thread, carries out run-now and cancel, and reports every state to the store (and as events).
 * A task never runs twice at once; a change to a running task is applied when its run ends; runs left
 * running by a dead process are closed as interrupted and resumed. A store that fails (SQLITE_BUSY, a
 * PostgreSQL restart) never crashes the site: every background step is guarded and retried.
 */
export class SiteRuntime {
  readonly events = new SiteEvents();
  private readonly site: string;
  private readonly services: Services;
  private readonly clock: SchedulerClock;
  private readonly scheduler: TaskScheduler;
  private readonly runner: TaskRunner;
  private readonly board: TaskStatusBoard;
  private readonly registration: SiteRegistration;
  private readonly lease: SiteLease;
  private readonly locks: MailboxLocks;
  private readonly catalog: CatalogPublisher;
  private readonly reporter: SiteReporter;
  private readonly sweeper: SiteSweeper;
  private readonly desired = new Map<string, TaskPlan>();
  private readonly applied = new Map<string, TaskPlan>();
  private readonly memory = new Map<string, TaskMemory>();
  private readonly active = new Map<string, ActiveRun>();
  private readonly byRunId = new Map<string, ActiveRun>();
  private readonly stopping = new AbortController();
  private siteEnabled = false;
  private seenConfigVersion: number | undefined = -1;
  private timers: NodeJS.Timeout[] = [];
  private polling = Promise.resolve();
  private stopped = false;
  private leaseLost = false;

  constructor(private readonly o: SiteRuntimeOptions) {
    this.site = o.loaded.config.site;
    this.clock = o.clock ?? systemSchedulerClock;
    const { heartbeatSeconds, lockLeaseSeconds } = o.loaded.config.runtime;
    this.services = createServices(o.store, this.clock);
    this.scheduler = new TaskScheduler(this.clock, (taskId, at) =>
      this.background(`firing of task ${taskId}`, () => this.fire(taskId, at)),
    );
    this.board = new TaskStatusBoard(o.store, this.site, this.clock, this.events);
    this.registration = new SiteRegistration(o.store, this.site, this.clock, heartbeatSeconds);
    this.lease = new SiteLease(
      o.store,
      this.site,
      randomUUID(),
      this.clock,
      heartbeatSeconds * 1000 * LEASE_HEARTBEATS,
    );
    this.locks = new MailboxLocks(o.store, this.site, this.clock, lockLeaseSeconds * 1000);
    this.catalog = new CatalogPublisher(o.loaded, o.store, o.logger, adaptersModuleOf(o));
    const eventLog = new SiteEventLog(o.store, this.site, this.clock);
    this.reporter = new SiteReporter(this.site, o.logger, this.events, eventLog);
    this.sweeper = new SiteSweeper(o.store, this.site, o.loaded.config.runtime.retention, {
      eventLog,
      clock: this.clock,
      logger: o.logger,
    });
    this.runner = new TaskRunner({
      logger: o.logger,
      onMessage: (runId, message) =>
        this.background(`progress of run ${runId}`, () => this.onWorkerMessage(runId, message)),
      onEnd: (runId, end) => this.background(`end of run ${runId}`, () => this.onRunEnd(runId, end)),
    });
  }

  /** Takes the site's lease (refusing with SiteLeaseHeldError while another process holds it), then starts. */
  async start(): Promise<void> {
    await this.lease.acquire();
    try {
      await this.retry(() => this.registration.heartbeat());
      await this.closeInterruptedRuns();
      await this.poll();
    } catch (error) {
      await this.lease.release().catch(() => undefined);
      throw error;
    }
    this.catalog.start();
    const { configPollSeconds, heartbeatSeconds } = this.o.loaded.config.runtime;
    this.timers.push(setInterval(() => void this.poll(), configPollSeconds * 1000));
    this.timers.push(
      setInterval(() => this.background('heartbeat', () => this.heartbeat()), heartbeatSeconds * 1000),
    );
    const every = this.o.loaded.config.runtime.retention.sweepHours * 3_600_000;
    const sweep = () => this.background('retention sweep', () => this.sweeper.sweep());
    this.timers.push(setTimeout(sweep, Math.min(60_000, every)), setInterval(sweep, every));
    this.o.logger.info({ site: this.site }, 'site started');
    this.reporter.record({
      type: 'site-started',
      version: ENGINE_VERSION,
      host: os.hostname(),
      pid: process.pid,
    });
  }

  /** Stops scheduling, cancels running work (terminating after the grace period) and says so in the store. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.forEach(clearInterval);
    this.scheduler.stop();
    await this.polling;
    await this.catalog.stop();
    await this.runner.stopAll(this.o.loaded.config.runtime.cancelGraceSeconds * 1000);
    // Runs end (and are recorded) through onRunEnd; give those writes a last chance, then give up.
    this.stopping.abort();
    await this.board.flush().catch((e: unknown) => this.reporter.warn('last status write failed', e));
    if (this.leaseLost) return; // another process runs this site now: its records are not ours to touch
    await this.reporter
      .append({ type: 'site-stopped', reason: 'stopped by its host (SIGTERM, Ctrl-C or a shutdown)' })
      .catch((e: unknown) => this.reporter.warn('could not record the stop event', e));
    await this.registration
      .stopped()
      .catch((e: unknown) => this.reporter.warn('could not record the stop', e));
    await this.lease
      .release()
      .catch((e: unknown) => this.reporter.warn('could not release the site lease', e));
  }

  /** One config + command poll, queued behind any poll in progress (tests call it to poll now). */
  poll(): Promise<void> {
    this.polling = this.polling.then(() => this.pollOnce());
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.syncConfig();
      for (const command of await takeCommands(this.o.store, this.site)) {
        if (command.type === 'run-now')
          await this.startRun(command.taskId, 'manual', command.requestedBy, undefined, command.requestedAt);
        else this.cancelRun(command.taskId, command.requestedBy);
      }
    } catch (error) {
      this.reporter.warn('config poll failed; retrying at the next interval', error);
    }
  }

  private async heartbeat(): Promise<void> {
    if (!(await this.lease.renew())) {
      this.leaseLost = true;
      this.reporter.log('error', 'this process lost the site lease to another process; stopping');
      await this.stop();
      return;
    }
    await this.registration.heartbeat();
  }

  private async syncConfig(): Promise<void> {
    const version = (await readConfigVersion(this.o.store))?.counter;
    if (version === this.seenConfigVersion) return;
    const plan = await readSitePlan(this.services, this.site);
    const wasEnabled = this.siteEnabled;
    this.siteEnabled = plan.site?.enabled === true;
    if (!plan.site)
      this.o.logger.warn(
        { site: this.site },
        'this site is not defined in the store; create it with "exsync site create"',
      );
    for (const id of [...this.desired.keys()]) if (!plan.tasks.has(id)) this.desired.delete(id);
    for (const [id, taskPlan] of plan.tasks) this.desired.set(id, taskPlan);
    const ids = new Set([...this.applied.keys(), ...this.desired.keys()]);
    const change = { added: [] as TaskRef[], changed: [] as TaskRef[], removed: [] as TaskRef[] };
    for (const id of ids) {
      // A running task keeps the settings it started with; its change is applied when the run ends.
      if (this.active.has(id)) continue;
      const current = this.applied.get(id);
      const next = this.desired.get(id);
      const how = planChange(current, next);
      if (how === 'unchanged' && wasEnabled === this.siteEnabled) continue;
      await this.apply(id);
      if (how !== 'unchanged') change[how].push({ taskId: id, taskName: (next ?? current)?.task.name ?? id });
    }
    // Only now: a change whose apply failed half-way is applied again at the next poll, not lost.
    this.seenConfigVersion = version;
    if (change.added.length + change.changed.length + change.removed.length > 0)
      this.reporter.record({ type: 'config-applied', configVersion: version ?? 0, ...change });
  }

  private async apply(taskId: string): Promise<void> {
    const plan = this.desired.get(taskId);
    if (!plan) {
      this.scheduler.unschedule(taskId);
      await this.board.remove(taskId);
      this.applied.delete(taskId);
      this.memory.delete(taskId);
      return;
    }
    if (!this.memory.has(taskId)) this.memory.set(taskId, await this.board.load(taskId));
    const runnable = this.siteEnabled && plan.task.enabled;
    this.scheduler.schedule(
      taskId,
      runnable ? { timeZone: plan.schedule.timeZone, recurrence: plan.schedule.recurrence } : undefined,
    );
    await this.publishWith(taskId, plan, true);
    this.applied.set(taskId, plan);
  }

  private async fire(taskId: string, at: Date): Promise<void> {
    const running = this.active.get(taskId);
    if (running) {
      await this.recordSkipped(
        taskId,
        at.toISOString(),
        `Skipped the run due at ${at.toISOString()}: the previous run was still running`,
      );
      return;
    }
    await this.startRun(taskId, 'schedule');
  }

  private async startRun(
    taskId: string,
    trigger: RunTrigger,
    requestedBy?: string,
    attemptOf?: string,
    requestedAt?: string,
  ): Promise<void> {
    const plan = this.applied.get(taskId) ?? this.desired.get(taskId);
    if (!plan) return;
    const running = this.active.get(taskId);
    if (running) {
      const at = requestedAt ?? this.clock.now().toISOString();
      await this.recordSkipped(
        taskId,
        at,
        `Run now requested by ${requestedBy ?? 'an administrator'} at ${at} was not started: the task was already running (run ${running.runId})`,
      );
      return;
    }
    if (!this.siteEnabled || !plan.task.enabled) {
      this.o.logger.info({ taskId, requestedBy }, 'run not started: the site or the task is disabled');
      return;
    }
    if (!this.applied.has(taskId)) await this.apply(taskId);
    const runId = newRunId(this.clock);
    const run: ActiveRun = {
      runId,
      plan,
      tracker: new RunTracker(plan.task, runId, this.site, trigger, attemptOf ?? runId, this.clock),
    };
    // The run exists for others only once its record is stored; if the store refuses, nothing started.
    try {
      await this.retry(() => this.board.writeRun(run.tracker));
    } catch (error) {
      this.board.discardRun(runId);
      await this.recordSkipped(
        taskId,
        this.clock.now().toISOString(),
        `A ${trigger} run was not started: the store could not be written (${messageOf(error)})`,
      ).catch(() => undefined);
      throw error;
    }
    this.active.set(taskId, run);
    this.byRunId.set(runId, run);
    this.background(`status of task ${taskId}`, () => this.publish(taskId, true));
    this.reporter.record(runStartedEvent(plan.task, runId, trigger, requestedBy));
    try {
      await this.runner.start(runWorkerData(this.o, plan, runId, attemptOf ?? runId));
    } catch (error) {
      run.tracker.finish(
        'failed',
        `The worker could not be started: ${messageOf(error)}`,
        RUNTIME_FAILURE_CODES.workerStartFailed,
      );
      await this.onRunEnd(runId, { terminated: false });
    }
  }

  private cancelRun(taskId: string, requestedBy: string): void {
    const run = this.active.get(taskId);
    if (!run) {
      this.o.logger.info({ taskId, requestedBy }, 'cancel ignored: the task is not running');
      return;
    }
    run.tracker.command = 'Cancelling';
    this.runner.cancel(run.runId, this.o.loaded.config.runtime.cancelGraceSeconds * 1000);
    this.background(`status of task ${taskId}`, () => this.publish(taskId, true));
  }

  private async onWorkerMessage(runId: string, message: WorkerMessage): Promise<void> {
    const run = this.byRunId.get(runId);
    if (!run) return;
    if (message.type === 'log') {
      this.o.logger[message.level]({ runId, taskId: run.plan.task.id, ...message.data }, message.message);
      return;
    }
    const important = run.tracker.apply(message);
    if (message.type === 'mailbox' && message.state === 'Failed')
      this.reporter.record(mailboxFailedEvent(run.plan.task, runId, message));
    const ended = message.type === 'finished' || message.type === 'resolved';
    if (important) await this.board.writeRun(run.tracker, ended);
    await this.publish(run.plan.task.id, ended);
  }

  /** A run ended, however it ended: its locks are freed and its end recorded (recordRunEnd). */
  private async onRunEnd(runId: string, end: RunEnd): Promise<void> {
    const run = this.byRunId.get(runId);
    if (!run) return;
    const taskId = run.plan.task.id;
    const memory = await recordRunEnd(
      {
        locks: this.locks,
        board: this.board,
        reporter: this.reporter,
        logger: this.o.logger,
        cancelGraceSeconds: this.o.loaded.config.runtime.cancelGraceSeconds,
        stopping: this.stopping.signal,
      },
      run,
      end,
    );
    this.memory.set(taskId, memory);
    this.active.delete(taskId);
    this.byRunId.delete(runId);
    this.reporter.record(runFinishedEvent(run.plan.task, run.tracker.current));
    // The change made while the run went on (if any) applies now.
    await this.retry(() => this.apply(taskId));
  }

  private async recordSkipped(taskId: string, at: string, reason: string): Promise<void> {
    const memory = this.memory.get(taskId);
    memory?.skippedFirings.unshift({ at, reason });
    if (memory && memory.skippedFirings.length > 20) memory.skippedFirings.length = 20;
    this.o.logger.info({ taskId }, reason);
    const plan = this.applied.get(taskId) ?? this.desired.get(taskId);
    this.reporter.record({
      type: 'firing-skipped',
      taskId,
      taskName: plan?.task.name ?? taskId,
      why: reason,
    });
    await this.publish(taskId, true);
  }

  private async publish(taskId: string, now: boolean): Promise<void> {
    const plan = this.applied.get(taskId) ?? this.desired.get(taskId);
    if (plan) await this.publishWith(taskId, plan, now);
  }

  private async publishWith(taskId: string, plan: TaskPlan, now: boolean): Promise<void> {
    await this.board.publish(
      taskId,
      () =>
        this.board.compose({
          taskId,
          enabled: this.siteEnabled && plan.task.enabled,
          appliedVersion: plan.task.version,
          memory: this.memory.get(taskId) ?? { sequence: 0, skippedFirings: [] },
          nextRun: this.scheduler.next(taskId),
          active: this.active.get(taskId)?.tracker,
        }),
      now,
    );
  }

  /**
   * Runs left "running" by a process that died are closed as interrupted, their locks freed, and
   * resumed. Safe only because this process holds the site lease: no other process runs this site.
   */
  private async closeInterruptedRuns(): Promise<void> {
    const retry = <T>(operation: () => Promise<T>) => this.retry(operation);
    const closed = await closeRunsLeftRunning(this.o.store, this.site, this.clock, this.board, retry);
    await this.retry(() => this.locks.releaseAllExcept(new Set()));
    for (const run of closed) {
      const memory = await this.retry(() => this.board.load(run.taskId));
      memory.lastRun = summarise(run);
      this.memory.set(run.taskId, memory);
    }
    if (closed.length === 0) return;
    await this.syncConfig();
    for (const run of closed) await this.startRun(run.taskId, 'resume', undefined, run.attemptOf);
  }

  /** Runs a step the site does on its own (a timer, a worker's message) so that a failure is logged, never thrown. */
  private background(what: string, step: () => Promise<void>): void {
    step().catch((error: unknown) => this.reporter.warn(`${what} failed`, error));
  }

  private retry<T>(operation: () => Promise<T>): Promise<T> {
    return withStoreRetry(operation, {
      attempts: 5,
      firstDelayMs: 100,
      maxDelayMs: 2_000,
      signal: this.stopping.signal,
    });
  }
}

function messageOf(error: unknown): string {
  return describeFailure(error).message;
}

export type { SiteRuntimeOptions };
