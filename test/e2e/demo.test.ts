import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('exsync demo (the product on its embedded defaults)', () => {
  it(
    'runs the simulated Exchange, a site and an example task on one host, and again without duplicating records',
    { timeout: 120_000 },
    async () => {
      const env = { EXSYNC_DATA_DIR: tempDir() };
      const first = await runCli(['demo', '--once'], { env });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/15 record\(s\) created/);
      expect(first.stdout).toMatch(
        /"Folder count check - demo mailboxes": Scheduled — Last run succeeded at .*: 3 of 3 mailboxes done, 0 failed, 0 skipped\. Sequence 3\./,
      );
      const second = await runCli(['demo', '--once', '--json'], { env });
      expect(second.code).toBe(0);
      const result = JSON.parse(second.stdout) as {
        created: number;
        status: { sequence: number; lastRun: { state: string } };
      };
      expect(result).toMatchObject({ created: 0, status: { sequence: 6, lastRun: { state: 'succeeded' } } });
    },
  );
});
