/**
 * Folder Replication against the simulated Exchange at 20 ms latency and the servers' documented
 * concurrency limits (issue 9, "Must show → Benchmarks"):
 *
 *   npx tsx test/bench/folder-replication.ts --protocol ews|graph [--mailboxes 100] [--folders 50]
 *     [--items 100] [--latency-ms 20] [--parallel N] [--direct] [--full-only] [--no-rss-baseline]
 *
 * The simulator runs in a process of its own (`exsync sim`), so this process holds the engine alone.
 * Phases: a full run, 1% of the items changed through the protocol (creates, moves, deletes, flag
 * changes), an incremental run. `--direct` replaces the site by the adapter alone walking every folder
 * with the allowed concurrency (the floor the engine is compared with). The bound of the full run is
 * measured in the same run (see fixtures/latency-bound.ts and fixtures/parse-bound.ts). Unless
 * --no-rss-baseline, the same benchmark runs first with 10 mailboxes (--full-only) in a child process
 * for the RSS at 50,000 items. Prints JSON; exits 1 when a goal is missed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadSiteConfig } from '../../engine/index.ts';
import { limiterFactory, walkMailboxes, type WalkStates } from './fixtures/bounded-walk.ts';
import { changeMailboxes } from './fixtures/item-changes.ts';
import { expandMailboxPattern } from './fixtures/mailbox-addresses.ts';
import { measureParseBound } from './fixtures/parse-bound.ts';
import { protocolKit } from './fixtures/protocol-kit.ts';
import { readBenchArgs } from './fixtures/replication-args.ts';
import { GOALS, judge, type Phase } from './fixtures/replication-report.ts';
import { RssSampler } from './fixtures/rss-sampler.ts';
import { startSimProcess } from './fixtures/sim-process.ts';
import { startReplicationSite } from './fixtures/site-replication.ts';
import { timeBrowse } from './fixtures/browse-timing.ts';

const args = readBenchArgs(process.argv.slice(2));
const BASELINE_MAILBOXES = 10;

/** Peak RSS of the same benchmark at 10 mailboxes, in a fresh process (run before the big one). */
async function baselineRss(): Promise<number | undefined> {
  if (!args.rssBaseline || args.fullOnly || args.mailboxes <= BASELINE_MAILBOXES) return undefined;
  const child = promisify(execFile)(
    process.execPath,
    [
      ...process.execArgv,
      import.meta.filename,
      ...['--protocol', args.protocol, '--mailboxes', String(BASELINE_MAILBOXES)],
      ...['--folders', String(args.folders), '--items', String(args.items)],
      ...['--latency-ms', String(args.latencyMs), '--full-only'],
      ...(args.parallel ? ['--parallel', String(args.parallel)] : []),
      ...(args.direct ? ['--direct'] : []),
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  // A missed goal of the small run exits 1 but still prints its numbers.
  const { stdout } = await child.catch((error: { stdout?: string }) => {
    if (!error.stdout?.startsWith('{')) throw error;
    return { stdout: error.stdout };
  });
  return (JSON.parse(stdout) as { rss: { peakMB: number } }).rss.peakMB;
}

const baselinePeakMB = await baselineRss();
const dir = mkdtempSync(path.join(tmpdir(), 'exsync-bench-replication-'));
const sim = await startSimProcess({ ...args, siteConfig: path.join(dir, 'site.json') });
Object.assign(process.env, sim.description.env);
const loaded = await loadSiteConfig(sim.description.siteConfig);
const kit = protocolKit(loaded, sim.description);
const mailboxes = expandMailboxPattern(sim.description.mailboxPattern);
const site = args.direct
  ? undefined
  : await startReplicationSite(dir, sim.description.siteConfig, mailboxes, args.parallel);
const replica: unknown[] = [];
/** Per direct walk: reads asked again after a dropped connection (see bounded-walk.ts). */
const networkRetries: number[] = [];

let states: WalkStates | undefined;
/** One run over every mailbox: the direct walk, or the site's Folder Replication task. */
async function run(): Promise<Phase> {
  await sim.resetStats();
  const engineBefore = process.cpuUsage();
  const simulatorBefore = sim.cpuMs();
  const cpuMs = () => {
    const engine = process.cpuUsage(engineBefore);
    return {
      engine: Math.round((engine.user + engine.system) / 1000),
      simulator: sim.cpuMs() - simulatorBefore,
    };
  };
  if (site) {
    const { wallMs, ...outcome } = await site.run();
    const used = cpuMs();
    const stats = await sim.stats();
    replica.push({ ...outcome, within: outcome.state === 'succeeded', ...(await site.replicaCounts()) });
    return { wallMs, stats, cpuMs: used };
  }
  const walk = await walkMailboxes(kit.port, mailboxes, kit.allowed, states);
  states = walk.states;
  networkRetries.push(walk.networkRetries);
  return { wallMs: walk.ms, cpuMs: cpuMs(), stats: await sim.stats() };
}

const rss = new RssSampler();
let failure: unknown;
let report: Record<string, unknown> = {};
try {
  const full = await run();
  let incremental: Phase | undefined;
  let changes;
  if (!args.fullOnly) {
    const perMailbox = Math.max(4, Math.round((args.folders * args.items) / 100));
    const started = performance.now();
    const counts = await changeMailboxes(
      kit.port,
      kit.editor,
      mailboxes,
      perMailbox,
      limiterFactory(kit.allowed),
    );
    changes = { ...counts, ms: Math.round(performance.now() - started) };
    incremental = await run();
  }
  const peakMB = rss.stop();
  // Measured after the runs, so that its tape does not count in the RSS of the runs.
  const parse = await measureParseBound(kit, mailboxes.slice(0, 2), mailboxes.length);
  const judged = judge({
    ...args,
    allowed: kit.allowed,
    full,
    parse,
    ...(incremental ? { incremental, changes } : {}),
  });
  const rssRatio = baselinePeakMB ? Math.round((peakMB / baselinePeakMB) * 100) / 100 : undefined;
  report = {
    protocol: args.protocol,
    mode: args.direct ? 'direct adapter walk' : 'site',
    population: {
      mailboxes: mailboxes.length,
      foldersPerMailbox: args.folders,
      itemsPerFolder: args.items,
      items: mailboxes.length * args.folders * args.items,
    },
    latencyMs: args.latencyMs,
    allowedConcurrency: kit.allowed,
    ...(site ? {} : { direct: { networkRetriesPerRun: networkRetries } }),
    ...(site ? { site: { maxParallelMailboxes: site.parallelMailboxes, replicaAfterEachRun: replica } } : {}),
    ...judged,
    rss: {
      peakMB,
      ...(baselinePeakMB !== undefined
        ? {
            baselineMailboxes: BASELINE_MAILBOXES,
            baselinePeakMB,
            ratio: rssRatio,
            rule: `peak RSS at ${mailboxes.length} mailboxes / at ${BASELINE_MAILBOXES} <= ${GOALS.rssLargeOverSmall}`,
            within: (rssRatio ?? 0) <= GOALS.rssLargeOverSmall,
          }
        : {}),
    },
    browse: site
      ? await timeBrowse(dir, site.taskId, mailboxes[0] ?? '')
      : 'not timed: --direct keeps no replica',
  };
} catch (error) {
  failure = error;
} finally {
  await site?.close();
  await kit.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
if (failure) throw failure as Error;

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const missed = JSON.stringify(report).includes('"within":false');
if (missed) {
  process.stderr.write('folder-replication: a goal was missed (see "within": false above)\n');
  process.exitCode = 1;
}
