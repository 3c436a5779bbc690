import { openPlatform } from '../../../engine/platform/open-platform.ts';
import { unusedMailboxMethods } from '../../helpers/unused-mailbox-methods.ts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  openStore,
  systemClock,
  templates,
  type DefinitionRecord,
  type KvStore,
  type TaskRecord,
} from '../../../engine/index.ts';
import { executeRun, type RunContext } from '../../../engine/site/run-executor.ts';
import type { WorkerMessage } from '../../../engine/site/worker-protocol.ts';
import type { AnyTaskTypeHandler } from '../../../engine/task-types/task-type.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const task = (emails: string[]): TaskRecord => ({
  id: 'task-1',
  version: 1,
  createdAt: '',
  createdBy: '',
  modifiedAt: '',
  modifiedBy: '',
  name: 'Fairness',
  description: '',
  site: 'lon-01',
  type: 'folder-count',
  definitionId: 'd',
  scheduleId: 's',
  target: { kind: 'mailbox-list', emails },
  enabled: true,
});

/** The handlers under test here do not write to the replica; its tables sit next to nothing. */
const platform = await openPlatform({ dataDir: tempDir() });

/** One run in this thread against a real SQLite store, with the handler under test. */
function runContext(
  store: KvStore,
  emails: string[],
  handler: AnyTaskTypeHandler,
  messages: WorkerMessage[],
  attemptOf = 'r1',
): RunContext {
  return {
    site: 'lon-01',
    runId: `run-${messages.length}-${Math.random()}`,
    attemptOf,
    task: task(emails),
    definition: {
      ...templates.definitionTemplate('folder-count'),
      id: 'd',
      version: 1,
      createdAt: '',
      createdBy: '',
      modifiedAt: '',
      modifiedBy: '',
    } as DefinitionRecord,
    store,
    platform,
    directory: {
      resolve: () =>
        Promise.resolve({
          mailboxes: emails.map((email) => ({ email, displayName: email, directoryId: email })),
          skipped: [],
          warnings: [],
          resolvedAt: '',
        }),
      findGroups: () => Promise.resolve([]),
      close: () => Promise.resolve(),
    },
    exchange: {
      listFolders: () => Promise.resolve({ folders: [] }),
      ...unusedMailboxMethods('run-executor test adapters'),
      close: () => Promise.resolve(),
    },
    handler,
    settings: {
      maxParallelMailboxes: 1,
      passItemLimit: 1000,
      lockRetryMs: 10,
      lockLeaseMs: 60_000,
      lockWaitMs: 60_000,
    },
    clock: systemClock,
    signal: new AbortController().signal,
    post: (m) => messages.push(m),
  };
}

describe('run executor', () => {
  it('gives a huge mailbox one pass at a time and sends it to the back of the queue (pass limit)', async () => {
    const store = await openStore({ dataDir: tempDir() });
    const passes: string[] = [];
    // "big" needs three passes of its item budget; the others finish in one.
    const remaining: Record<string, number> = { 'big@x.test': 3 };
    const handler: AnyTaskTypeHandler = {
      checkpointSchema: z.unknown(),
      settingsOf: () => ({}),
      runPass: (pass) => {
        passes.push(pass.mailbox);
        remaining[pass.mailbox] = (remaining[pass.mailbox] ?? 1) - 1;
        return Promise.resolve({ complete: remaining[pass.mailbox] === 0 });
      },
    };
    const messages: WorkerMessage[] = [];
    const emails = ['big@x.test', 'a@x.test', 'b@x.test', 'c@x.test'];
    const outcome = await executeRun(runContext(store, emails, handler, messages));
    expect(outcome).toEqual({ type: 'finished', outcome: 'succeeded' });
    expect(passes).toEqual(['big@x.test', 'a@x.test', 'b@x.test', 'c@x.test', 'big@x.test', 'big@x.test']);
    expect(messages).toContainEqual({
      type: 'mailbox',
      mailbox: 'big@x.test',
      state: 'Pending',
      reason: 'pass limit reached; continues after the other mailboxes',
    });
    await store.close();
  });

  it('records a mailbox as complete when its pass had nothing to submit, so a resumed run skips it', async () => {
    const store = await openStore({ dataDir: tempDir() });
    let passes = 0;
    const handler: AnyTaskTypeHandler = {
      checkpointSchema: z.object({ cursor: z.number() }),
      settingsOf: () => ({}),
      async runPass(pass) {
        passes++;
        await pass.complete({ cursor: 7 });
        return { complete: true };
      },
    };
    const first: WorkerMessage[] = [];
    expect(await executeRun(runContext(store, ['a@x.test'], handler, first))).toMatchObject({
      outcome: 'succeeded',
    });
    // The same attempt resumed (after a crash): the mailbox is known to be done, no second pass.
    const resumed: WorkerMessage[] = [];
    await executeRun(runContext(store, ['a@x.test'], handler, resumed));
    expect(passes).toBe(1);
    expect(resumed).toContainEqual({
      type: 'mailbox',
      mailbox: 'a@x.test',
      state: 'Healthy',
      reason: 'finished before the interruption',
    });
    // A later run starts from the completed state, through the type's schema.
    const seen: unknown[] = [];
    const reader: AnyTaskTypeHandler = {
      ...handler,
      runPass: (pass) => {
        seen.push(pass.checkpoint);
        return Promise.resolve({ complete: true });
      },
    };
    await executeRun(runContext(store, ['a@x.test'], reader, [], 'r2'));
    expect(seen).toEqual([{ cursor: 7 }]);
    await store.close();
  });

  it('starts a mailbox over when its saved state no longer fits the task type, and says so', async () => {
    const store = await openStore({ dataDir: tempDir() });
    const seen: unknown[] = [];
    const write: AnyTaskTypeHandler = {
      checkpointSchema: z.unknown(),
      settingsOf: () => ({}),
      async runPass(pass) {
        await pass.submit({ n: 1 }, { syncState: 'old-format' }, { final: true });
        return { complete: true };
      },
    };
    await executeRun(runContext(store, ['a@x.test'], write, []));
    const read: AnyTaskTypeHandler = {
      checkpointSchema: z.object({ cursor: z.number() }),
      settingsOf: () => ({}),
      runPass: (pass) => {
        seen.push(pass.checkpoint);
        return Promise.resolve({ complete: true });
      },
    };
    const messages: WorkerMessage[] = [];
    await executeRun(runContext(store, ['a@x.test'], read, messages, 'r2'));
    expect(seen).toEqual([undefined]);
    expect(messages).toContainEqual({
      type: 'command',
      command: 'The saved state of this mailbox could not be read by this engine version; starting it over',
    });
    await store.close();
  });

  it('gives a failed mailbox the error\'s code, and "unexpected" to an error without one', async () => {
    const store = await openStore({ dataDir: tempDir() });
    const handler: AnyTaskTypeHandler = {
      checkpointSchema: z.unknown(),
      settingsOf: () => ({}),
      runPass: (pass) =>
        Promise.reject(
          pass.mailbox.startsWith('coded')
            ? Object.assign(new Error('Graph refused the app'), { code: 'bad-credentials' })
            : new TypeError('x is undefined'),
        ),
    };
    const messages: WorkerMessage[] = [];
    await executeRun(runContext(store, ['coded@x.test', 'plain@x.test'], handler, messages));
    expect(messages.filter((m) => m.type === 'mailbox' && m.state === 'Failed')).toEqual([
      {
        type: 'mailbox',
        mailbox: 'coded@x.test',
        state: 'Failed',
        reason: 'Graph refused the app',
        code: 'bad-credentials',
      },
      {
        type: 'mailbox',
        mailbox: 'plain@x.test',
        state: 'Failed',
        reason: 'x is undefined',
        code: 'unexpected',
      },
    ]);
    await store.close();
  });
});
