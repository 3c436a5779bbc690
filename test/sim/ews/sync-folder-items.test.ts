import type { ExchangeService, ItemChange } from 'ews-javascript-api';
import {
  BasePropertySet,
  ChangeType,
  FolderId,
  ItemId,
  ItemSchema,
  PropertySet,
  ServiceError,
  SyncFolderItemsScope,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { ewsClient, find, rawSoap, rejection } from './ews-test-client.ts';
import { useEwsSimulator } from './ews-test-fixture.ts';

let sim: Simulator;
let mailbox: string;
let service: ExchangeService;

useEwsSimulator(
  {
    population: { mailboxes: 4, foldersPerMailbox: 6, itemsPerFolder: 40, seed: 'sync-folder-items' },
    mailboxOrdinal: 1,
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

const idOnly = (): PropertySet => new PropertySet(BasePropertySet.IdOnly, [ItemSchema.Subject]);

async function syncPage(folder: FolderId, state: string | null, max: number, ignore: ItemId[] = []) {
  // The typings say string, but null (no state) is how the library starts an initial sync.
  return service.SyncFolderItems(
    folder,
    idOnly(),
    ignore,
    max,
    SyncFolderItemsScope.NormalItems,
    state as string,
  );
}

/** Runs SyncFolderItems until IncludesLastItemInRange, collecting every change. */
async function syncAll(
  folder: FolderId,
  state: string | null,
  max = 512,
): Promise<{ changes: ItemChange[]; state: string; pages: number }> {
  const changes: ItemChange[] = [];
  let current = state;
  let pages = 0;
  for (;;) {
    const page = await syncPage(folder, current, max);
    pages++;
    changes.push(...page.GetEnumerator());
    current = page.SyncState;
    if (!page.MoreChangesAvailable) return { changes, state: current, pages };
  }
}

/** The library refuses WellKnownFolderName.Archive for its versions, so the archive folder goes by id. */
function archive(): FolderId {
  return new FolderId(sim.model.wellKnownFolder(mailbox, 'archive')?.id ?? '');
}

function inboxId(): string {
  return sim.model.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
}

describe('SyncFolderItems', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/includeslastiteminrange
  it('pages an initial sync with MaxChangesReturned and reports IncludesLastItemInRange=false until the end', async () => {
    const folder = new FolderId(WellKnownFolderName.SentItems);
    const first = await syncPage(folder, null, 15);
    expect(first.Count).toBe(15);
    expect(first.MoreChangesAvailable).toBe(true);
    const second = await syncPage(folder, first.SyncState, 15);
    expect(second.Count).toBe(15);
    expect(second.MoreChangesAvailable).toBe(true);
    const third = await syncPage(folder, second.SyncState, 15);
    expect(third.Count).toBe(10);
    expect(third.MoreChangesAvailable).toBe(false);
    const all = [...first.GetEnumerator(), ...second.GetEnumerator(), ...third.GetEnumerator()];
    expect(all.every((c) => c.ChangeType === ChangeType.Create)).toBe(true);
    const sentItems = sim.model.wellKnownFolder(mailbox, 'sentitems')?.id ?? '';
    const expected = [...sim.model.items(sentItems)].map((i) => i.id);
    expect(all.map((c) => c.ItemId.UniqueId).sort()).toEqual(expected.sort());
    const again = await syncPage(folder, third.SyncState, 15);
    expect(again.Count).toBe(0);
    expect(again.MoreChangesAvailable).toBe(false);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-synchronize-items-by-using-ews-in-exchange
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/deleting-items-by-using-ews-in-exchange
  it('reports Create, Update, ReadFlagChange and Delete for changes made while a sync runs', async () => {
    const folder = new FolderId(WellKnownFolderName.Inbox);
    const firstPage = await syncPage(folder, null, 10);
    const delivered = firstPage.GetEnumerator().map((c) => c.ItemId.UniqueId);
    const [readOne, editedOne, movedOne, deletedOne] = delivered;
    const current = (id: string | undefined) => sim.model.item(id ?? '');
    // Change content between pages, as a user would while the engine syncs.
    sim.model.updateItem(readOne ?? '', { isRead: !current(readOne)?.isRead });
    sim.model.updateItem(editedOne ?? '', { subject: 'Edited while syncing' });
    sim.model.moveItem(movedOne ?? '', sim.model.wellKnownFolder(mailbox, 'archive')?.id ?? '');
    sim.model.deleteItem(deletedOne ?? '', 'hard');
    const created = sim.model.createItem(inboxId(), {
      subject: 'Arrived while syncing',
      to: [{ name: 'x', address: mailbox }],
    });
    const rest = await syncAll(folder, firstPage.SyncState, 50);
    const byId = new Map(rest.changes.map((c) => [c.ItemId.UniqueId, c]));
    expect(byId.get(readOne ?? '')?.ChangeType).toBe(ChangeType.ReadFlagChange);
    expect(byId.get(readOne ?? '')?.IsRead).toBe(current(readOne)?.isRead);
    expect(byId.get(editedOne ?? '')?.ChangeType).toBe(ChangeType.Update);
    expect(byId.get(editedOne ?? '')?.Item.Subject).toBe('Edited while syncing');
    expect(byId.get(movedOne ?? '')?.ChangeType).toBe(ChangeType.Delete);
    expect(byId.get(deletedOne ?? '')?.ChangeType).toBe(ChangeType.Delete);
    expect(byId.get(created.id)?.ChangeType).toBe(ChangeType.Create);
    // The 30 items not yet delivered arrive as creates; nothing is reported twice.
    expect(rest.changes.filter((c) => c.ChangeType === ChangeType.Create)).toHaveLength(31);
    expect(new Set(rest.changes.map((c) => c.ItemId.UniqueId)).size).toBe(rest.changes.length);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/ignore
  it('skips items listed in Ignore', async () => {
    const folder = new FolderId(WellKnownFolderName.DeletedItems);
    const deletedItems = sim.model.wellKnownFolder(mailbox, 'deleteditems')?.id ?? '';
    const [skip] = [...sim.model.items(deletedItems)];
    const page = await syncPage(folder, null, 512, [new ItemId(skip?.id ?? '')]);
    const ids = page.GetEnumerator().map((c) => c.ItemId.UniqueId);
    expect(ids).not.toContain(skip?.id);
    expect(ids).toHaveLength(sim.model.itemCount(deletedItems) - 1);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/handling-synchronization-related-errors-in-ews-in-exchange
  it('refuses a sync state issued for another folder with ErrorInvalidSyncStateData', async () => {
    const { state } = await syncAll(archive(), null);
    const error = await rejection(syncPage(new FolderId(WellKnownFolderName.JunkEmail), state, 10));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorInvalidSyncStateData);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorInvalidSyncStateData)
  it('refuses corrupted and truncated sync states', async () => {
    const { state } = await syncAll(archive(), null);
    const bytes = Buffer.from(state, 'base64');
    bytes[8] = (bytes[8] ?? 0) ^ 0xff;
    for (const bad of [
      bytes.toString('base64'),
      state.slice(0, state.length - 8),
      'bm90IGEgc3RhdGU=',
      'H4sIAAAAA=',
    ]) {
      const error = await rejection(syncPage(archive(), bad, 10));
      expect(error['ErrorCode']).toBe(ServiceError.ErrorInvalidSyncStateData);
    }
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode:
  // "To fix this error, you must resynchronize without the sync state."
  it('refuses states the server no longer honours, and a fresh sync recovers', async () => {
    const folder = archive();
    const { state } = await syncAll(folder, null);
    sim.model.invalidateSyncStates(mailbox);
    const error = await rejection(syncPage(folder, state, 10));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorInvalidSyncStateData);
    const fresh = await syncAll(folder, null);
    expect(fresh.changes).toHaveLength(
      sim.model.itemCount(sim.model.wellKnownFolder(mailbox, 'archive')?.id ?? ''),
    );
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/maxchangesreturned: "between 1 and 512, inclusive"
  it('validates MaxChangesReturned against 1–512 (schema validation fault)', async () => {
    const request = (max: string): string =>
      `<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="inbox"/></m:SyncFolderId><m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`;
    for (const bad of ['0', '513', '-1', 'many']) {
      const response = await rawSoap(sim, request(bad), { mailbox });
      expect(response.status).toBe(500);
      expect(find(response.xml, 'faultcode')?.text).toBe('a:ErrorSchemaValidation');
      expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorSchemaValidation');
    }
    for (const good of ['1', '512']) {
      const response = await rawSoap(sim, request(good), { mailbox });
      expect(response.status).toBe(200);
      expect(find(response.xml, 'ResponseCode')?.text).toBe('NoError');
    }
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/syncfolderitems-operation:
  // "it cannot return properties like Body or Attachments"
  it('refuses Body in the item shape with ErrorInvalidPropertyRequest', async () => {
    const response = await rawSoap(
      sim,
      '<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Body"/></t:AdditionalProperties></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="inbox"/></m:SyncFolderId><m:MaxChangesReturned>10</m:MaxChangesReturned></m:SyncFolderItems>',
      { mailbox },
    );
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorInvalidPropertyRequest');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorSyncFolderNotFound)
  it('answers ErrorSyncFolderNotFound once the synchronised folder is deleted', async () => {
    const created = sim.model.createFolder(sim.model.wellKnownFolder(mailbox, 'msgfolderroot')?.id ?? '', {
      displayName: 'Short-lived',
    });
    sim.model.createItem(created.id, { subject: 'inside' });
    const { state, changes } = await syncAll(new FolderId(created.id), null);
    expect(changes).toHaveLength(1);
    sim.model.deleteFolder(created.id, 'hard');
    const error = await rejection(syncPage(new FolderId(created.id), state, 10));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorSyncFolderNotFound);
  });

  it('lets independent mailboxes keep independent states', async () => {
    const other = sim.model.mailboxAt(2)?.primarySmtp ?? '';
    const otherService = ewsClient(sim, { mailbox: other });
    const mine = await syncAll(new FolderId(WellKnownFolderName.JunkEmail), null);
    const error = await rejection(
      otherService.SyncFolderItems(
        new FolderId(WellKnownFolderName.JunkEmail),
        idOnly(),
        [],
        10,
        SyncFolderItemsScope.NormalItems,
        mine.state,
      ),
    );
    expect(error['ErrorCode']).toBe(ServiceError.ErrorInvalidSyncStateData);
  });
});
