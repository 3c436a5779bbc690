import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, REAL_ADAPTERS, startSite, type Harness } from '../site/fixtures/site-harness.ts';
import {
  replicationScenario,
  type Protocol,
  type ReplicationScenario,
} from './fixtures/replication-scenario.ts';
import { replicaFolders, replicaItems, truthFolders, truthItems } from './fixtures/mailbox-truth.ts';

/**
 * Mailbox Folder Replication end to end: a site with real worker threads and the production adapters
 * replicates simulated mailboxes over EWS and over Graph, and the replica is compared, message by
 * message, with the simulator's own model. Between runs the test plays the mailboxes' users.
 */
let scenario: ReplicationScenario | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  await scenario?.close();
  harness = scenario = undefined;
});

const SETTINGS = { excludeDeletedItems: true, includeArchiveStubs: false };
const TRUTH = { excluded: ['deleteditems'] };

async function setUp(protocol: Protocol, runtime: Record<string, unknown> = {}) {
  scenario = await replicationScenario({
    protocol,
    type: 'folder-replication',
    settings: SETTINGS,
    population: { privateShare: 0.1, personalShare: 0.05, stubShare: 0.1 },
    // A small item budget makes every mailbox take several passes (resume mid-folder).
    runtime: { passItemLimit: 25, maxParallelMailboxes: 2, ...runtime },
  });
  harness = await startSite(scenario.dataDir, scenario.configFile, {
    adaptersModule: REAL_ADAPTERS,
    env: scenario.env,
  });
  const site = harness.site;
  return { s: scenario, run: () => scenario!.runAndWait(() => site.poll()) };
}

async function expectReplicaMatchesTruth(s: ReplicationScenario) {
  for (const mailbox of s.mailboxes) {
    const scope = { taskId: s.taskId, mailbox };
    expect(await replicaFolders(s.platform.replica, scope)).toEqual(truthFolders(s.sim, mailbox, TRUTH));
    expect(await replicaItems(s.platform.replica, scope)).toEqual(truthItems(s.sim, mailbox, TRUTH));
  }
}

describe.each<Protocol>(['ews', 'graph'])('Folder Replication over %s', (protocol) => {
  it(
    'replicates in full, then follows creates, moves, deletes, a message made private and folder changes',
    { timeout: 180_000 },
    async () => {
      const { s, run } = await setUp(protocol);
      const mailbox = s.mailboxes[0]!;
      const model = s.sim.model;
      const inbox = model.wellKnownFolder(mailbox, 'inbox')!;
      // Three folders of the user's own at the top, each with two messages, to rename, move and delete.
      const [projects, travel, oldStuff] = ['Projects', 'Travel', 'Old stuff'].map((displayName) => {
        const folder = model.createFolder(inbox.parentId!, { displayName });
        for (const n of [1, 2])
          model.createItem(folder.id, {
            subject: `${displayName} ${n}`,
            internetMessageId: `<${displayName.replace(' ', '-')}-${n}@contoso.test>`,
          });
        return folder;
      }) as [typeof inbox, typeof inbox, typeof inbox];
      const first = await run();
      expect(first.lastRun?.state).toBe('succeeded');
      await expectReplicaMatchesTruth(s);
      const sequenceAfterFull = await s.submissions();
      expect(sequenceAfterFull).toBeGreaterThan(s.mailboxes.length);
      expect(first.sequence).toBe(sequenceAfterFull);

      // The user of the first mailbox changes things between runs.
      const inboxItems = [...model.items(inbox.id)].filter(
        (i) => i.sensitivity === 'Normal' && !/Shortcut/.test(i.itemClass),
      );
      const created = model.createItem(inbox.id, {
        subject: 'Quarterly figures',
        internetMessageId: '<new-1@contoso.test>',
      });
      const movedItem = inboxItems[0]!;
      model.moveItem(movedItem.id, projects.id);
      const deletedItem = inboxItems[1]!;
      model.deleteItem(deletedItem.id, 'hard');
      const madePrivate = inboxItems[2]!;
      model.updateItem(madePrivate.id, { sensitivity: 'Private' });
      model.updateItem(inboxItems[3]!.id, { flag: { status: 'Flagged' }, isRead: !inboxItems[3]!.isRead });
      model.updateFolder(projects.id, { displayName: 'Projects 2026' });
      model.moveFolder(travel.id, inbox.id);
      model.deleteFolder(oldStuff.id, 'hard');

      const second = await run();
      expect(second.lastRun?.state).toBe('succeeded');
      await expectReplicaMatchesTruth(s);
      const scope = { taskId: s.taskId, mailbox };
      const rows = await s.platform.replica.items(scope, { limit: 1_000_000 });
      const byMessageId = (id: string | undefined) => rows.filter((r) => r.internetMessageId === id);
      // One row per message: the moved one keeps its history, the deleted one stays where it was.
      expect(byMessageId(created.internetMessageId)).toHaveLength(1);
      const [movedRow] = byMessageId(movedItem.internetMessageId);
      expect(movedRow?.folderPath).toBe('Projects 2026');
      expect(movedRow?.previousLocations.map((l) => l.folderPath)).toEqual(['Inbox']);
      expect(byMessageId(movedItem.internetMessageId)).toHaveLength(1);
      const [deletedRow] = byMessageId(deletedItem.internetMessageId);
      expect(deletedRow?.deletedAt).toBeDefined();
      expect(deletedRow?.folderPath).toBe('Inbox');
      // A message that became private leaves the replica entirely, history and all.
      expect(byMessageId(madePrivate.internetMessageId)).toEqual([]);
      // The moved folder's messages follow it; the deleted folder and its messages stay where they were.
      expect(byMessageId('<Travel-1@contoso.test>')[0]?.folderPath).toBe('Inbox/Travel');
      const folders = await s.platform.replica.folders(scope);
      expect(folders.find((f) => f.name === 'Old stuff')).toMatchObject({
        path: 'Old stuff',
        deletedAt: expect.any(String),
      });
      expect(byMessageId('<Old-stuff-1@contoso.test>')[0]).toMatchObject({ folderPath: 'Old stuff' });
      // Sequence counts submissions: the incremental run submitted only the pages that changed.
      const incrementalSubmissions = (await s.submissions()) - sequenceAfterFull;
      expect(incrementalSubmissions).toBeGreaterThan(0);
      expect(incrementalSubmissions).toBeLessThan(sequenceAfterFull);
      expect(second.sequence).toBe(await s.submissions());
    },
  );

  it(
    'reads a folder again in full when its sync state expired, notes it, and never fails the run',
    { timeout: 120_000 },
    async () => {
      const { s, run } = await setUp(protocol);
      await run();
      const mailbox = s.mailboxes[1]!;
      const inbox = s.sim.model.wellKnownFolder(mailbox, 'inbox')!;
      const victim = [...s.sim.model.items(inbox.id)].find((i) => i.sensitivity === 'Normal')!;
      s.sim.model.invalidateSyncStates(mailbox);
      s.sim.model.deleteItem(victim.id, 'hard');
      const after = await run();
      expect(after.lastRun?.state).toBe('succeeded');
      const rows = await s.mailboxRows(after.lastRun!.runId);
      expect(rows[mailbox]?.state).toBe('Healthy');
      expect(rows[mailbox]?.reason).toMatch(/sync state had expired; the folder was read again in full/);
      expect(rows[s.mailboxes[0]!]?.reason ?? '').not.toMatch(/expired/);
      await expectReplicaMatchesTruth(s);
      const scope = { taskId: s.taskId, mailbox };
      const gone = (await s.platform.replica.items(scope, { limit: 1_000_000 })).filter(
        (r) => r.internetMessageId === victim.internetMessageId,
      );
      expect(gone).toHaveLength(1);
      expect(gone[0]?.deletedAt).toBeDefined();
    },
  );

  it(
    'defers a mailbox that needs its full sync while an exclusion window is open, and runs the synced ones',
    { timeout: 120_000 },
    async () => {
      const { s, run } = await setUp(protocol);
      const [synced, unsynced] = s.mailboxes as [string, string];
      // The first run cannot reach the second mailbox (an access policy leaves it out), so it never
      // finishes its full sync; the first one does.
      s.sim.model.updateMailbox(unsynced, { impersonationAllowed: false });
      expect((await run()).lastRun?.state).toBe('partial');
      s.sim.model.updateMailbox(unsynced, { impersonationAllowed: true });
      const current = await s.services.definitions.get('Replication');
      const allDay = {
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start: '00:00',
        end: '00:00',
      };
      await s.services.definitions.update(
        'Replication',
        {
          version: current.version,
          settings: { ...SETTINGS, fullSyncExclusion: { timeZone: 'UTC', windows: [allDay] } },
        },
        ADMIN,
      );
      const second = await run();
      expect(second.lastRun?.state).toBe('succeeded');
      const rows = await s.mailboxRows(second.lastRun!.runId);
      expect(rows[synced]?.state).toBe('Healthy');
      expect(rows[unsynced]).toMatchObject({
        state: 'Skipped',
        reason: expect.stringMatching(
          /^needs a full sync, which the definition does not allow now \(mon, tue, wed, thu, fri, sat, sun 00:00–00:00 UTC\)/,
        ),
      });
      expect(await replicaItems(s.platform.replica, { taskId: s.taskId, mailbox: unsynced })).toEqual([]);
    },
  );

  it(
    'completes every mailbox under throttling and injected faults, with the replica exact',
    { timeout: 180_000 },
    async () => {
      const { s, run } = await setUp(protocol);
      s.sim.knobs.configure({
        // Requests that overlap, so the concurrency budget of one bites.
        latency: { minMs: 10, maxMs: 30 },
        faults: { rate: 0.05, kinds: ['http500', 'http503', 'reset'], seed: protocol },
        throttling: { enabled: true, limits: { [protocol]: { maxConcurrent: 1, backOffMs: 200 } } },
      });
      const first = await run();
      expect(await s.mailboxRows(first.lastRun!.runId)).toEqual(
        Object.fromEntries(s.mailboxes.map((m) => [m, expect.objectContaining({ state: 'Healthy' })])),
      );
      expect(first.lastRun?.state).toBe('succeeded');
      await expectReplicaMatchesTruth(s);
      // The run met both: it was throttled and it saw faults, and still lost nothing.
      const stats = s.sim.knobs.counterSnapshot();
      expect(stats.throttled.concurrency).toBeGreaterThan(0);
      expect(Object.values(stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    },
  );
});
