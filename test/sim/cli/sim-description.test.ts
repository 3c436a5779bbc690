import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/model.ts';
import { describeMailboxNaming } from './mailbox-naming.ts';

const BIN = path.resolve(import.meta.dirname, '../../../bin/exsync.mjs');
const children: ReturnType<typeof spawn>[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

/** Expands the pattern as a shell would (it is documented as shell brace ranges, so use a real shell). */
function expand(pattern: string): string[] {
  return pattern.split(', ').flatMap((range) =>
    execFileSync('bash', ['-c', `printf '%s\\n' ${range}`], { encoding: 'utf8', maxBuffer: 64 << 20 })
      .trim()
      .split('\n'),
  );
}

/** The first stdout line of `exsync sim <args>`: the JSON that says how to reach the simulator. */
function simDescription(args: string[]): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [BIN, 'sim', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
    });
    child.once('exit', (code) => reject(new Error(`exsync sim exited (${code}): ${buffer}`)));
  });
}

describe('exsync sim says how every mailbox is named, not only the first five', () => {
  it(
    'prints the count and a pattern that expands to exactly the population',
    { timeout: 60_000 },
    async () => {
      const description = await simDescription(['--mailboxes', '50', '--seed', 'naming']);
      expect(description).toMatchObject({
        mailboxCount: 50,
        mailboxPattern: 'user{00001..00050}@example.test',
        // The service account's own mailbox is there too, named apart from the generated ones.
        otherMailboxes: ['svc-exsync@example.test'],
      });
      const all = expand(description['mailboxPattern'] as string);
      expect(all).toHaveLength(50);
      expect(description['mailboxes']).toEqual(all.slice(0, 5));
      // Every expanded address is a mailbox of that population, and the next one is not.
      const model = createModel({ population: { mailboxes: 50, seed: 'naming' } });
      for (const address of all) expect(model.mailbox(address)?.primarySmtp).toBe(address);
      expect(model.mailbox('user00051@example.test')).toBeUndefined();
    },
  );

  it('names populations past 99,999 with one range per digit width', () => {
    const model = createModel({ population: { mailboxes: 100_002, seed: 'naming' } });
    const naming = describeMailboxNaming(model);
    expect(naming.pattern).toBe('user{00001..99999}@example.test, user{100000..100002}@example.test');
    const all = expand(naming.pattern);
    expect(all).toHaveLength(100_002);
    for (const address of [all[0], all[99_998], all[99_999], all[100_001]])
      expect(model.mailbox(address ?? '')?.primarySmtp).toBe(address);
    expect(describeMailboxNaming(createModel({ population: { mailboxes: 1, seed: 'x' } }))).toEqual({
      count: 1,
      pattern: 'user{00001..00001}@example.test',
      sample: ['user00001@example.test'],
      others: [],
    });
  });
});
