import { afterEach, describe, expect, it } from 'vitest';
import { PlatformStore } from '../../../engine/platform/platform-store.ts';
import { REAL_ADAPTERS, eventually } from '../site/fixtures/site-harness.ts';
import { exited, SiteProcesses } from '../site/fixtures/site-processes.ts';
import {
  replicationScenario,
  type Protocol,
  type ReplicationScenario,
} from './fixtures/replication-scenario.ts';
import { mailFolderPaths, replicaItems, truthItems } from './fixtures/mailbox-truth.ts';

/**
 * kill -9 of the site process in the middle of a mailbox, then a restart: the resumed run finishes
 * the replica with no row lost or doubled, and Sequence is exactly what a run without a crash counts
 * (one submission per folder page that changed something).
 */
const sites = new SiteProcesses();
let scenario: ReplicationScenario | undefined;
afterEach(async () => {
  sites.killAll();
  await scenario?.close();
  scenario = undefined;
});

const TRUTH = { excluded: ['deleteditems'] };

async function crashAndResume(protocol: Protocol, kill: (s: ReplicationScenario) => Promise<void>) {
  const s = (scenario = await replicationScenario({
    protocol,
    type: 'folder-replication',
    settings: { excludeDeletedItems: true },
    population: { mailboxes: 2, foldersPerMailbox: 8, itemsPerFolder: 12 },
    runtime: { passItemLimit: 30, maxParallelMailboxes: 1 },
  }));
  const options = { adaptersModule: REAL_ADAPTERS, env: s.env };
  await kill(s);
  const interrupted = (await s.runs()).map((r) => r.state);
  expect(interrupted).toEqual(['running']);
  const before = await s.submissions();
  expect(before).toBeGreaterThan(0);

  await sites.start(s.dataDir, s.configFile, options);
  const status = await eventually(
    async () => {
      const current = await s.status();
      return current?.lastRun?.trigger === 'resume' && !current.currentRun ? current : undefined;
    },
    90_000,
    'the resumed run to finish',
  );
  expect((await s.runs()).map((r) => r.state).sort()).toEqual(['interrupted', 'succeeded']);

  const platform = new PlatformStore(s.store);
  let expectedSequence = 0;
  for (const mailbox of s.mailboxes) {
    const scope = { taskId: s.taskId, mailbox };
    expect(await replicaItems(s.platform.replica, scope)).toEqual(truthItems(s.sim, mailbox, TRUTH));
    // No row twice: every stored message has one row.
    const rows = await s.platform.replica.items(scope, { limit: 1_000_000 });
    expect(new Set(rows.map((r) => r.internetMessageId)).size).toBe(rows.length);
    // Sequence numbers are contiguous per mailbox: nothing skipped, nothing repeated.
    const submitted = await platform.list(s.taskId, mailbox);
    expect(submitted.map((x) => x.sequence)).toEqual(submitted.map((_, i) => i + 1));
    const folders = [...mailFolderPaths(s.sim, mailbox, TRUTH).keys()];
    expectedSequence += folders.filter((id) => s.sim.model.itemCount(id) > 0).length;
  }
  expect(status.sequence).toBe(expectedSequence);
  expect(await s.submissions()).toBe(expectedSequence);
}

describe.each<Protocol>(['ews', 'graph'])('Folder Replication across kill -9 over %s', (protocol) => {
  it(
    'right after a submission was stored, in the middle of the first mailbox',
    { timeout: 180_000 },
    async () => {
      await crashAndResume(protocol, async (s) => {
        const first = await sites.start(s.dataDir, s.configFile, {
          adaptersModule: REAL_ADAPTERS,
          env: s.env,
          testHooks: { killProcessAfterSubmissions: 3 },
        });
        await s.services.taskCommands.runNow(s.taskId, 'alice@contoso.com');
        expect(await exited(first)).toBe('SIGKILL');
      });
    },
  );

  it('at an unplanned moment while pages are being written', { timeout: 180_000 }, async () => {
    await crashAndResume(protocol, async (s) => {
      // Slow enough that the kill lands while pages are still being read and written.
      s.sim.knobs.configure({ latency: { minMs: 40, maxMs: 60 } });
      const first = await sites.start(s.dataDir, s.configFile, { adaptersModule: REAL_ADAPTERS, env: s.env });
      await s.services.taskCommands.runNow(s.taskId, 'alice@contoso.com');
      await eventually(
        async () => ((await s.submissions()) >= 5 ? true : undefined),
        60_000,
        'five submissions',
      );
      first.kill('SIGKILL');
      await exited(first);
    });
  });
});
