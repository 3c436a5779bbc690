import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WELL_KNOWN_MAIL_FOLDERS, type MailboxPort } from '../../../engine/ports/mailbox.ts';
import type { ItemView } from '../../sim/model/index.ts';
import type { Simulator } from '../../sim/simulator.ts';
import type { MailboxUser } from '../../sim/user/mailbox-user.ts';
import { describeCalendarContract } from './mailbox-port.calendar.contract.ts';
import { describeFolderSyncContract } from './mailbox-port.folder-sync.contract.ts';
import { describeItemSyncContract } from './mailbox-port.item-sync.contract.ts';
import { describeUserChangesContract } from './mailbox-port.user-changes.contract.ts';
import type { CalendarWriter } from './support/calendar-writer.ts';
import { failure } from './support/exchange-failure.ts';

/** One adapter against a running simulator, as the contract suite drives it. */
export interface MailboxPortHarness {
  readonly sim: Simulator;
  /** The knobs' protocol name of the adapter's requests. */
  readonly protocol: 'ews' | 'graph';
  /** The knobs' operation name of the request that reads the folder tree. */
  readonly listingOperation: string;
  /** The knobs' operation name of the request that pages a folder's item changes. */
  readonly itemSyncOperation: string;
  /** The id the adapter gives a model item (EWS: the item id; Graph: its immutable id). */
  itemId(item: ItemView): string;
  /** Whether the protocol tells a new item or folder from a changed one in an incremental sync (Graph's delta does not). */
  readonly reportsCreations: boolean;
  /** Whether the protocol reports a change of only the read state as such (EWS ReadFlagChange). */
  readonly reportsReadFlagChanges: boolean;
  /** The knobs' operation name of a request the calendar sync makes for a series (EWS GetItem, Graph instances). */
  readonly calendarDetailOperation: string;
  /** Writes calendars through the adapter's protocol, as a user's client would. */
  calendarWriter(): CalendarWriter;
  /**
   * Caps the folders one hierarchy sync response holds (EWS: the simulator's hierarchySyncLimit knob;
   * Graph: its largest delta page), so a round takes several responses; undefined lifts the cap.
   */
  limitHierarchyResponses(size: number | undefined): void;
  /** A user of `mailbox` who changes it through the adapter's protocol (test/sim/user/). */
  user(mailbox: string): MailboxUser;
  /** An adapter with the right credentials. */
  adapter(): MailboxPort;
  /** An adapter whose password (EWS) or client secret (Graph) is wrong. */
  adapterWithWrongSecret(): MailboxPort;
  /** How long the protocol tells the client to wait when the simulator throttles with `backOffMs`. */
  serverWaitMs(backOffMs: number): number;
  close(): Promise<void>;
}

/** Population of every contract run: a few mailboxes with nested user folders and items in them. */
export const CONTRACT_POPULATION = { mailboxes: 3, foldersPerMailbox: 14, itemsPerFolder: 3, seed: 11 };

/**
 * The mailbox port's contract (engine/ports/mailbox.ts), run on the EWS and the Graph adapter against
 * the simulated Exchange. The expected answers come from the simulator's model, so both adapters are
 * held to the same mailbox, folder by folder.
 */
export function describeMailboxPortContract(name: string, start: () => Promise<MailboxPortHarness>): void {
  describe(`mailbox port contract: ${name}`, () => {
    let h: MailboxPortHarness;
    let port: MailboxPort;
    let mailbox: string;

    beforeAll(async () => {
      h = await start();
      port = h.adapter();
      mailbox = h.sim.model.mailboxAt(1)!.primarySmtp;
    });
    afterAll(async () => {
      expect(h.sim.internalErrors).toEqual([]);
      await port.close();
      await h.close();
    });

    /** The mail folders (IPF.Note family) below msgfolderroot, as the model has them. */
    function modelMailFolders(address: string) {
      const root = h.sim.model.wellKnownFolder(address, 'msgfolderroot')!;
      return h.sim.model
        .descendantFolders(root.id)
        .filter((f) => f.folderClass === 'IPF.Note' || f.folderClass.startsWith('IPF.Note.'));
    }

    it('lists exactly the mail folders under the top of the information store, with parents and counts', async () => {
      const { folders } = await port.listFolders(mailbox);
      const expected = modelMailFolders(mailbox);
      expect(expected.length).toBeGreaterThan(14);
      expect(
        folders.map((f) => ({
          id: f.id,
          parentId: f.parentId,
          displayName: f.displayName,
          totalCount: f.totalCount,
        })),
      ).toEqual(
        expect.arrayContaining(
          expected.map((f) => ({
            id: f.id,
            parentId: f.parentId,
            displayName: f.displayName,
            totalCount: f.totalCount,
          })),
        ),
      );
      expect(folders).toHaveLength(expected.length);
      const names = folders.map((f) => f.displayName);
      for (const notMail of ['Calendar', 'Contacts', 'Tasks', 'Notes', 'Recoverable Items', 'Deletions'])
        expect(names).not.toContain(notMail);
      // The tree hangs together: every parent is a listed folder or the top of the information store.
      const root = h.sim.model.wellKnownFolder(mailbox, 'msgfolderroot')!.id;
      const position = new Map(folders.map((f, i) => [f.id, i]));
      for (const [i, f] of folders.entries()) {
        if (f.parentId === root) continue;
        expect(position.get(f.parentId ?? '')).toBeLessThan(i);
      }
    });

    it('names the well-known mail folders, and no other folder', async () => {
      const { folders } = await port.listFolders(mailbox);
      const named = Object.fromEntries(
        folders.filter((f) => f.wellKnownName).map((f) => [f.wellKnownName, f.id]),
      );
      expect(named).toEqual(
        Object.fromEntries(
          WELL_KNOWN_MAIL_FOLDERS.map((n) => [n, h.sim.model.wellKnownFolder(mailbox, n)!.id] as const),
        ),
      );
    });

    it('returns the sync state of the hierarchy for a later incremental pass', async () => {
      const { syncState } = await port.listFolders(mailbox);
      expect(typeof syncState).toBe('string');
      expect(syncState!.length).toBeGreaterThan(10);
    });

    it('an unknown mailbox is mailbox-not-found', async () => {
      const error = await failure(port.listFolders('nobody@nowhere.example'));
      expect(error.code).toBe('mailbox-not-found');
      expect(error.message).toContain('nobody@nowhere.example');
    });

    it('a wrong password or client secret is bad-credentials', async () => {
      const wrong = h.adapterWithWrongSecret();
      try {
        expect((await failure(wrong.listFolders(mailbox))).code).toBe('bad-credentials');
      } finally {
        await wrong.close();
      }
    });

    // EWS: https://learn.microsoft.com/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
    // Graph: https://learn.microsoft.com/graph/throttling (429 + Retry-After)
    it('waits as long as the throttling server says, then succeeds', async () => {
      const backOffMs = 1200;
      const wait = h.serverWaitMs(backOffMs);
      const scripted = h.sim.knobs.counterSnapshot().throttled.scripted;
      h.sim.knobs.injectThrottle({ protocol: h.protocol, operation: h.listingOperation }, 1, backOffMs);
      const started = performance.now();
      const { folders } = await port.listFolders(mailbox);
      const elapsed = performance.now() - started;
      expect(h.sim.knobs.counterSnapshot().throttled.scripted).toBe(scripted + 1);
      expect(folders).toHaveLength(modelMailFolders(mailbox).length);
      expect(elapsed).toBeGreaterThanOrEqual(wait - 5);
      expect(elapsed).toBeLessThan(wait + 1500);
    });

    it('a cancel during a 60 s back-off ends the call at once with cancelled', async () => {
      h.sim.knobs.injectThrottle({ protocol: h.protocol, operation: h.listingOperation }, 1, 60_000);
      const controller = new AbortController();
      let abortedAt = 0;
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort(new Error('the run was cancelled'));
      }, 300);
      try {
        const error = await failure(port.listFolders(mailbox, controller.signal));
        expect(error.code).toBe('cancelled');
        expect(abortedAt).toBeGreaterThan(0);
        expect(performance.now() - abortedAt).toBeLessThan(1000);
      } finally {
        h.sim.knobs.clearScripted();
      }
    });

    it('a cancel while a request is in flight on a slow server ends the call at once', async () => {
      h.sim.knobs.configure({
        latency: {
          byOperation: { [`${h.protocol}:${h.listingOperation}`]: { minMs: 30_000, maxMs: 30_000 } },
        },
      });
      const controller = new AbortController();
      let abortedAt = 0;
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort();
      }, 300);
      try {
        const error = await failure(port.listFolders(mailbox, controller.signal));
        expect(error.code).toBe('cancelled');
        expect(abortedAt).toBeGreaterThan(0);
        expect(performance.now() - abortedAt).toBeLessThan(1000);
      } finally {
        h.sim.knobs.configure({ latency: { byOperation: {} } });
      }
    });

    it('an already-cancelled signal sends nothing', async () => {
      const before = h.sim.knobs.counterSnapshot().total;
      const error = await failure(port.listFolders(mailbox, AbortSignal.abort()));
      expect(error.code).toBe('cancelled');
      expect(h.sim.knobs.counterSnapshot().total).toBe(before);
    });

    describeItemSyncContract(() => ({ h, port }));
    describeFolderSyncContract(() => ({ h, port }));
    describeUserChangesContract(() => ({ h, port }));
    describeCalendarContract(() => ({ h, port }));
  });
}
