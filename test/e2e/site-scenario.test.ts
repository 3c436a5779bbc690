import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/exsync.mjs');
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

interface SimDescription {
  mailboxes: string[];
  siteConfig: string;
  env: Record<string, string>;
}

/** Starts `exsync <args>` in the background and resolves with its first stdout line (or stderr line). */
function startExsync(
  args: string[],
  env: Record<string, string>,
  firstLineFrom: 'stdout' | 'stderr',
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buffer = '';
    child[firstLineFrom]?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve({ child, line: buffer.slice(0, newline) });
    });
    child.once('exit', (code) =>
      reject(new Error(`exsync ${args.join(' ')} exited (${code}) before it was ready: ${buffer}`)),
    );
  });
}

async function scenarioFor(protocol: 'ews' | 'graph', latencyMs: number) {
  const dir = tempDir();
  const { line } = await startExsync(
    [
      'sim',
      '--mailboxes',
      '8',
      '--seed',
      protocol,
      '--latency-ms',
      String(latencyMs),
      '--site-config',
      path.join(dir, 'site.json'),
      '--protocol',
      protocol,
    ],
    {},
    'stdout',
  );
  const sim = JSON.parse(line) as SimDescription;
  const env = {
    ...sim.env,
    EXSYNC_DATA_DIR: path.join(dir, 'data'),
    EXSYNC_ADMIN: 'alice@contoso.com',
    LOG_LEVEL: 'warn',
  };
  const cli = async (args: string[], input?: unknown) => {
    const r = await runCli(args, { env, ...(input === undefined ? {} : { stdin: JSON.stringify(input) }) });
    if (r.code !== 0) throw new Error(`exsync ${args.join(' ')} → ${r.code}: ${r.stderr}`);
    return r.stdout;
  };
  const status = async () =>
    JSON.parse(await cli(['task', 'status', 'Count folders', '--json'])) as {
      state: string;
      sequence: number;
      appliedVersion?: number;
      currentRun?: { runId: string };
      lastRun?: {
        runId: string;
        state: string;
        trigger: string;
        reason?: string;
        counts: { total: number; done: number };
      };
      history: { runId: string; state: string; trigger: string }[];
    };
  const until = async <T>(
    what: string,
    check: (s: Awaited<ReturnType<typeof status>>) => T | undefined,
    timeoutMs = 30_000,
  ): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = check(await status());
      if (value !== undefined) return value;
      if (Date.now() > end)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await status())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const startSite = () => startExsync(['site', '--config', sim.siteConfig], env, 'stderr');
  await cli(['site', 'create'], { code: 'sim-01', description: 'Simulated Exchange' });
  await cli(['schedule', 'create'], {
    name: 'Every 30 minutes',
    timeZone: 'UTC',
    recurrence: { type: 'daily-many', start: '00:00', end: '23:30', intervalMinutes: 30 },
  });
  await cli(['definition', 'create'], { name: 'Folder count', type: 'folder-count' });
  const emails = sim.mailboxes.slice(0, protocol === 'ews' ? 5 : 4);
  await cli(['task', 'create'], {
    name: 'Count folders',
    site: 'sim-01',
    type: 'folder-count',
    definition: 'Folder count',
    schedule: 'Every 30 minutes',
    target: { kind: 'mailbox-list', emails: emails.join('; ') },
  });
  return { sim, env, cli, status, until, startSite, emails };
}

describe('scripted scenario: simulator → site configuration → site → task', () => {
  it(
    'runs on EWS: run, status and Sequence, schedule change while running, cancel, kill -9 and restart',
    { timeout: 240_000 },
    async () => {
      const { cli, status, until, startSite, emails } = await scenarioFor('ews', 1500);
      let site = (await startSite()).child;
      const scheduled = await until('the site to pick the task up', (s) =>
        s.state === 'Scheduled' ? s : undefined,
      );
      expect(scheduled.appliedVersion).toBe(1);

      // Run now: every mailbox is read through EWS (impersonation, NTLM, TLS with the simulator's CA).
      await cli(['task', 'run', 'Count folders']);
      const first = await until('the first run', (s) => (s.lastRun && !s.currentRun ? s : undefined));
      expect(first.lastRun).toMatchObject({
        state: 'succeeded',
        trigger: 'manual',
        counts: { total: 5, done: 5 },
      });
      expect(first.sequence).toBe(5);

      // Change the schedule while a run goes on: applied when the run ends.
      await cli(['schedule', 'create'], {
        name: 'Hourly',
        timeZone: 'UTC',
        recurrence: { type: 'daily-many', start: '00:00', end: '23:00', intervalMinutes: 60 },
      });
      await cli(['task', 'run', 'Count folders']);
      const secondRun = await until('the second run to start', (s) => s.currentRun?.runId);
      await cli(['task', 'update', 'Count folders'], { version: 1, schedule: 'Hourly' });
      await new Promise((r) => setTimeout(r, 1000)); // several config polls
      const during = await status();
      // The change really was made during the run (else this step would prove nothing), and it waits.
      expect(during.currentRun?.runId).toBe(secondRun);
      expect(during.appliedVersion).toBe(1);
      const second = await until('the second run to end', (s) =>
        s.lastRun && !s.currentRun && s.appliedVersion === 2 ? s : undefined,
      );
      expect(second.sequence).toBe(10);

      // Cancel.
      await cli(['task', 'run', 'Count folders']);
      await until('the third run to start', (s) => s.currentRun);
      await cli(['task', 'cancel', 'Count folders']);
      const cancelled = await until('the cancel', (s) =>
        s.lastRun?.state === 'cancelled' && !s.currentRun ? s : undefined,
      );
      expect(cancelled.lastRun?.reason).toBe('Cancelled by an administrator');

      // kill -9 the site mid-run, restart it: the run is closed as interrupted and resumed.
      await cli(['task', 'run', 'Count folders']);
      const killedRun = await until('the fourth run to start', (s) => s.currentRun?.runId);
      site.kill('SIGKILL');
      await new Promise((r) => site.once('exit', r));
      site = (await startSite()).child;
      const resumed = await until(
        'the resumed run',
        (s) => (s.lastRun?.trigger === 'resume' && !s.currentRun ? s : undefined),
        60_000,
      );
      expect(resumed.lastRun?.state).toBe('succeeded');
      expect(resumed.history.find((r) => r.runId === killedRun)?.state).toBe('interrupted');

      const sites = JSON.parse(await cli(['site', 'list', '--json'])) as {
        code: string;
        runtime?: { version: string; lastActive: string; state: string };
      }[];
      expect(sites[0]).toMatchObject({ code: 'sim-01', runtime: { version: '0.1.0', state: 'running' } });
      expect(emails).toHaveLength(5);
      site.kill('SIGTERM');
    },
  );

  it(
    'runs on Microsoft Graph (Exchange Online) with the Microsoft 365 directory',
    { timeout: 120_000 },
    async () => {
      const { cli, until, startSite } = await scenarioFor('graph', 0);
      const { child } = await startSite();
      await until('the site to pick the task up', (s) => (s.state === 'Scheduled' ? s : undefined));
      await cli(['task', 'run', 'Count folders']);
      const done = await until('the run', (s) => (s.lastRun && !s.currentRun ? s : undefined));
      expect(done.lastRun).toMatchObject({ state: 'succeeded', counts: { total: 4, done: 4 } });
      expect(done.sequence).toBe(4);
      child.kill('SIGTERM');
    },
  );
});
