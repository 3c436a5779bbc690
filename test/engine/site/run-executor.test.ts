import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  openStore,
  systemClock,
  templates,
  type DefinitionRecord,
  type TaskRecord,
} from '../../../engine/index.ts';
import { executeRun } from '../../../engine/site/run-executor.ts';
import type { WorkerMessage } from '../../../engine/site/worker-protocol.ts';
import type { TaskTypeHandler } from '../../../engine/task-types/task-type.ts';
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

describe('run executor', () => {
  it('gives a huge mailbox one pass at a time and sends it to the back of the queue (pass limit)', async () => {
    const store = await openStore({ dataDir: tempDir() });
    const passes: string[] = [];
    // "big" needs three passes of its item budget; the others finish in one.
    const remaining: Record<string, number> = { 'big@x.test': 3 };
    const handler: TaskTypeHandler = {
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
    const outcome = await executeRun({
      site: 'lon-01',
      runId: 'r1',
      attemptOf: 'r1',
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
      exchange: { listFolders: () => Promise.resolve([]), close: () => Promise.resolve() },
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
    });
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
});
