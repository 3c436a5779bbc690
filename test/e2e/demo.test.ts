import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

interface DemoRun {
  task: string;
  status: { sequence: number; lastRun: { state: string } };
  replica?: { folders: number; messages: number; calendarItems: number; attachments: number };
}

describe('exsync demo (the product on its embedded defaults)', () => {
  it(
    'runs the simulated Exchange, a site and the demo tasks on one host, and again without duplicating records',
    { timeout: 240_000 },
    async () => {
      const env = { EXSYNC_DATA_DIR: tempDir() };
      const first = await runCli(['demo', '--once'], { env });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/19 record\(s\) created/);
      expect(first.stdout).toMatch(
        /"Folder count check - demo mailboxes": Scheduled — Last run succeeded at .*: 3 of 3 mailboxes done, 0 failed, 0 skipped\. Sequence 3\./,
      );
      expect(first.stdout).toMatch(
        /"Replicate folders - demo mailboxes": Scheduled — Last run succeeded .*\n {2}Replica: [1-9]\d* folders and [1-9]\d* messages \(0 deleted\) in 3 mailboxes\./,
      );
      expect(first.stdout).toMatch(
        /"Replicate calendars - demo mailboxes": Scheduled — Last run succeeded .*\n {2}Replica: [1-9]\d* calendar items with \d+ attachments in 3 mailboxes\./,
      );
      const second = await runCli(['demo', '--once', '--json'], { env });
      expect(second.code).toBe(0);
      const result = JSON.parse(second.stdout) as {
        created: number;
        status: DemoRun['status'];
        runs: DemoRun[];
      };
      expect(result).toMatchObject({ created: 0, status: { sequence: 6, lastRun: { state: 'succeeded' } } });
      const [, folders, calendars] = result.runs;
      expect(folders?.status.lastRun.state).toBe('succeeded');
      expect(calendars?.status.lastRun.state).toBe('succeeded');
      // Nothing changed in the simulated mailboxes between the two demos: the second run is incremental
      // and finds the replica as the first left it.
      const firstJson = /Replica: (\d+) folders and (\d+) messages/.exec(first.stdout);
      expect(folders?.replica).toMatchObject({
        folders: Number(firstJson?.[1]),
        messages: Number(firstJson?.[2]),
      });
    },
  );
});
