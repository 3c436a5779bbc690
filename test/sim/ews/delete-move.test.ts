import type { ExchangeService } from 'ews-javascript-api';
import {
  AffectedTaskOccurrence,
  DeleteMode,
  FolderId,
  ItemId,
  PropertySet,
  SendCancellationsMode,
  ServiceError,
  SyncFolderItemsScope,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { find, rawSoap } from './ews-test-client.ts';
import { useEwsSimulator } from './ews-test-fixture.ts';

let sim: Simulator;
let mailbox: string;
let service: ExchangeService;

useEwsSimulator(
  {
    population: {
      mailboxes: 2,
      foldersPerMailbox: 6,
      itemsPerFolder: 12,
      calendarItemsPerMailbox: 4,
      seed: 'delete-move',
    },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

function folder(name: string): string {
  return sim.model.wellKnownFolder(mailbox, name)?.id ?? '';
}

function inboxItem(index: number): string {
  return [...sim.model.items(folder('inbox'))][index]?.id ?? '';
}

async function deleteOne(id: string, mode: DeleteMode): Promise<void> {
  const result = await service.DeleteItems(
    [new ItemId(id)],
    mode,
    SendCancellationsMode.SendToNone,
    AffectedTaskOccurrence.AllOccurrences,
  );
  expect(result.Responses[0]?.ErrorCode).toBe(ServiceError.NoError);
}

describe('DeleteItem', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/deleteitem-operation
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/deleting-items-by-using-ews-in-exchange
  it('MoveToDeletedItems moves to Deleted Items, SoftDelete to Recoverable Items\\Deletions, HardDelete to Purges', async () => {
    const toDeleted = inboxItem(0);
    const toDumpster = inboxItem(1);
    const toPurges = inboxItem(2);
    const countsBefore = {
      deleted: sim.model.itemCount(folder('deleteditems')),
      deletions: sim.model.itemCount(folder('recoverableitemsdeletions')),
      purges: sim.model.itemCount(folder('recoverableitemspurges')),
    };
    await deleteOne(toDeleted, DeleteMode.MoveToDeletedItems);
    await deleteOne(toDumpster, DeleteMode.SoftDelete);
    await deleteOne(toPurges, DeleteMode.HardDelete);
    for (const id of [toDeleted, toDumpster, toPurges]) expect(sim.model.item(id)).toBeUndefined();
    expect(sim.model.itemByImmutableId(toDeleted)?.folderId).toBe(folder('deleteditems'));
    expect(sim.model.itemByImmutableId(toDumpster)?.folderId).toBe(folder('recoverableitemsdeletions'));
    expect(sim.model.itemByImmutableId(toPurges)?.folderId).toBe(folder('recoverableitemspurges'));
    expect(sim.model.itemCount(folder('deleteditems'))).toBe(countsBefore.deleted + 1);
    expect(sim.model.itemCount(folder('recoverableitemsdeletions'))).toBe(countsBefore.deletions + 1);
    expect(sim.model.itemCount(folder('recoverableitemspurges'))).toBe(countsBefore.purges + 1);
  });

  // Same page: "An item's change key is not updated when the item is moved to the Deleted Items or Deletions folder."
  it('keeps the change key when an item is moved to Deleted Items', async () => {
    const id = inboxItem(3);
    const before = sim.model.item(id)?.changeKey;
    await deleteOne(id, DeleteMode.MoveToDeletedItems);
    expect(sim.model.itemByImmutableId(id)?.changeKey).toBe(before);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorSendMeetingCancellationsRequired)
  it('requires SendMeetingCancellations for calendar items', async () => {
    const [appointment] = [...sim.model.items(folder('calendar'))];
    const response = await rawSoap(
      sim,
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${appointment?.id ?? ''}"/></m:ItemIds></m:DeleteItem>`,
      { mailbox },
    );
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorSendMeetingCancellationsRequired');
    expect(sim.model.item(appointment?.id ?? '')).toBeDefined();
    const missingType = await rawSoap(
      sim,
      `<m:DeleteItem><m:ItemIds><t:ItemId Id="${appointment?.id ?? ''}"/></m:ItemIds></m:DeleteItem>`,
      { mailbox },
    );
    expect(missingType.status).toBe(500);
    expect(find(missingType.xml, 'ResponseCode')?.text).toBe('ErrorSchemaValidation');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorItemNotFound)
  it('answers ErrorItemNotFound for an item deleted twice', async () => {
    const id = inboxItem(4);
    await deleteOne(id, DeleteMode.HardDelete);
    const again = await service.DeleteItems(
      [new ItemId(id)],
      DeleteMode.HardDelete,
      SendCancellationsMode.SendToNone,
      AffectedTaskOccurrence.AllOccurrences,
    );
    expect(again.Responses[0]?.ErrorCode).toBe(ServiceError.ErrorItemNotFound);
  });
});

describe('MoveItem', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/moveitem-operation
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-move-and-copy-email-messages-by-using-ews-in-exchange
  it('returns the new item id; sync reports a Delete in the source and a Create in the target', async () => {
    const id = inboxItem(5);
    const archive = new FolderId(folder('archive'));
    const inboxState = (
      await service.SyncFolderItems(
        new FolderId(WellKnownFolderName.Inbox),
        PropertySet.IdOnly,
        [],
        512,
        SyncFolderItemsScope.NormalItems,
        null as unknown as string,
      )
    ).SyncState;
    const archiveState = (
      await service.SyncFolderItems(
        archive,
        PropertySet.IdOnly,
        [],
        512,
        SyncFolderItemsScope.NormalItems,
        null as unknown as string,
      )
    ).SyncState;
    const result = await service.MoveItems([new ItemId(id)], archive);
    const newId = result.Responses[0]?.Item.Id.UniqueId ?? '';
    expect(newId).not.toBe(id);
    expect(sim.model.item(newId)?.folderId).toBe(folder('archive'));
    expect(sim.model.item(newId)?.immutableId).toBe(id);
    const inboxChanges = await service.SyncFolderItems(
      new FolderId(WellKnownFolderName.Inbox),
      PropertySet.IdOnly,
      [],
      512,
      SyncFolderItemsScope.NormalItems,
      inboxState,
    );
    const archiveChanges = await service.SyncFolderItems(
      archive,
      PropertySet.IdOnly,
      [],
      512,
      SyncFolderItemsScope.NormalItems,
      archiveState,
    );
    expect(inboxChanges.GetEnumerator().map((c) => c.ItemId.UniqueId)).toEqual([id]);
    expect(archiveChanges.GetEnumerator().map((c) => c.ItemId.UniqueId)).toEqual([newId]);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorToFolderNotFound)
  it('answers ErrorToFolderNotFound for a target folder that is gone', async () => {
    const doomed = sim.model.createFolder(folder('msgfolderroot'), { displayName: 'Gone soon' });
    sim.model.deleteFolder(doomed.id, 'hard');
    const result = await service.MoveItems([new ItemId(inboxItem(6))], new FolderId(doomed.id));
    expect(result.Responses[0]?.ErrorCode).toBe(ServiceError.ErrorToFolderNotFound);
  });
});
