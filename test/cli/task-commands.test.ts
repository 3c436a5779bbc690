import { afterAll, describe, expect, it } from 'vitest';
import {
  createServices,
  openStore,
  type SiteRuntimeInfo,
  type SiteView,
  type TaskStatus,
  type TaskStatusView,
} from '../../engine/index.ts';
import { commandPrefix, siteInfoKey, taskStatusKey } from '../../engine/store/keys.ts';
import { ADMIN, eventually, seedTask, writeSiteConfig } from '../engine/site/fixtures/site-harness.ts';
import { SiteProcesses, exited } from '../engine/site/fixtures/site-processes.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const dataDir = tempDir();
const env = { EXSYNC_DATA_DIR: dataDir, EXSYNC_ADMIN: ADMIN };
const cli = (...args: string[]) => runCli(args, { env });
/** Real sites in their own processes (scripted mailboxes: "slow-<ms>@" takes that long), as `exsync site` runs. */
const sites = new SiteProcesses();
afterAll(() => sites.killAll());

describe('what an admin is told by task run, task cancel, task status and site list', () => {
  it(
    'says a task is already running, that there is nothing to cancel, and that a killed site is not responding',
    { timeout: 120_000 },
    async () => {
      const store = await openStore({ dataDir });
      const s = createServices(store);
      const config = writeSiteConfig(dataDir, { maxParallelMailboxes: 1, heartbeatSeconds: 1 });
      const emails = Array.from({ length: 8 }, (_, i) => `slow-150${i}@contoso.com`);
      await seedTask(s, emails);
      const status = async () =>
        JSON.parse((await cli('task', 'status', 'Count folders', '--json')).stdout) as TaskStatusView;
      const running = () => eventually(async () => (await status()).currentRun, 30_000, 'a run');
      const commands = async () => (await store.list(commandPrefix('lon-01'))).length;
      const audited = async (action: string) =>
        (await s.audit.list({ kind: 'task' })).filter((e) => e.action === action).length;

      // Nothing running (no site yet): refused, exit 2, nothing sent, nothing audited.
      let r = await cli('task', 'cancel', 'Count folders');
      expect(r).toMatchObject({
        code: 2,
        stdout: '',
        stderr: 'exsync: Nothing to cancel: task "Count folders" is not running\n',
      });
      expect(await commands()).toBe(0);
      expect(await audited('cancel')).toBe(0);

      let site = await sites.start(dataDir, config);
      r = await cli('task', 'run', 'Count folders');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toBe(
        'Run of task "Count folders" requested; the site picks it up at its next poll.\n',
      );
      const run = await running();

      // A second "run now" while it runs: said plainly, still recorded (audited and sent to the site).
      r = await cli('task', 'run', 'Count folders');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `^Task "Count folders" is already running \\(started ${run.startedAt.replace(/\./g, '\\.')}, .*mailbox.*\\); the request was recorded but no second run starts\\.\\n$`,
        ),
      );
      expect(await audited('run-now')).toBe(2);
      const json = JSON.parse((await cli('task', 'run', 'Count folders', '--json')).stdout) as {
        alreadyRunning?: { run: { runId: string } };
        type: string;
      };
      expect(json).toMatchObject({ type: 'run-now', alreadyRunning: { run: { runId: run.runId } } });

      // Cancel while running is carried out; a second cancel, once it ended, finds nothing to cancel.
      r = await cli('task', 'cancel', 'Count folders');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toBe(
        'Cancel of task "Count folders" requested; the site picks it up at its next poll.\n',
      );
      await eventually(
        async () => ((await status()).lastRun?.state === 'cancelled' ? true : undefined),
        30_000,
      );
      r = await cli('task', 'cancel', 'Count folders');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('exsync: Nothing to cancel: task "Count folders" is not running\n');

      // The site is alive: "running" in site list, and its task's words are current.
      const siteList = async () => JSON.parse((await cli('site', 'list', '--json')).stdout) as SiteView[];
      expect((await siteList())[0]?.health).toBe('running');
      await cli('task', 'run', 'Count folders');
      const dead = await eventually(async () => {
        const st = await status();
        return st.currentRun ? { ...st.currentRun, taskId: st.taskId } : undefined;
      });
      const before = await status();
      expect(before).toMatchObject({ state: 'Running', site: { code: 'lon-01', health: 'running' } });

      // kill -9 mid-run: nothing says "stopped", the last report stays behind.
      site.kill('SIGKILL');
      await exited(site);
      const info = (await store.get<SiteRuntimeInfo>(siteInfoKey('lon-01')))?.value;
      expect(info?.heartbeatSeconds).toBe(1);
      const lastActive = info?.lastActive ?? '';
      // What the dead site last said about the task (it had moved on since `before`).
      const last = (await store.get<TaskStatus>(taskStatusKey('lon-01', dead.taskId)))?.value;
      expect(last?.command).toMatch(/^Reading the folder list of slow-/);
      // Missing 3 heartbeats of 1 s plus 5 s of clock slack: not responding after ~8 s.
      await eventually(
        async () => ((await siteList())[0]?.health === 'not responding' ? true : undefined),
        20_000,
        'the site to count as not responding',
      );
      r = await cli('site', 'list');
      expect(r.stdout).toContain('(not responding)');
      const unknown = await status();
      expect(unknown).toMatchObject({
        state: 'Unknown',
        site: { code: 'lon-01', health: 'not responding', lastActive },
        command: `(last known) ${last?.command ?? ''}`,
        currentRun: { runId: dead.runId },
      });
      expect(unknown.latestDetail.startsWith('(last known) ')).toBe(true);
      r = await cli('task', 'status', 'Count folders');
      const line = (label: string) => new RegExp(`^${label}: +(.*)$`, 'm').exec(r.stdout)?.[1];
      expect(line('Status')).toBe(`Unknown (site lon-01 not responding since ${lastActive})`);
      expect(line('Command')).toBe(`(last known) ${last?.command ?? ''}`);
      expect(line('Last known run')).toMatch(/^running \(manual\), started /);
      expect(line('Current run')).toBeUndefined();

      // A cancel for the dead run is recorded, and the admin is told it waits for the site.
      r = await cli('task', 'cancel', 'Count folders');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        `Cancel of task "Count folders" recorded, but site lon-01 is not responding (last active ${lastActive}); it is carried out when the site is back.\n`,
      );

      // Back again: running, and the task's state is the site's own again.
      site = await sites.start(dataDir, config);
      await eventually(async () => ((await siteList())[0]?.health === 'running' ? true : undefined), 20_000);
      await eventually(async () => ((await status()).state !== 'Unknown' ? true : undefined), 20_000);
      await store.close();
    },
  );
});
