import type { ExchangeService, FolderChange } from 'ews-javascript-api';
import {
  BasePropertySet,
  ChangeType,
  DefaultExtendedPropertySet,
  DeleteMode,
  ExtendedPropertyDefinition,
  Folder,
  FolderId,
  FolderSchema,
  FolderTraversal,
  FolderView,
  MapiPropertyType,
  PropertySet,
  SearchFilter,
  ServiceError,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.ts';
import { find, rawSoap, rejection } from './ews-test-client.ts';
import { useEwsSimulator } from './ews-test-fixture.ts';

let sim: Simulator;
let mailbox: string;
let service: ExchangeService;

useEwsSimulator(
  {
    population: { mailboxes: 2, foldersPerMailbox: 17, itemsPerFolder: 3, seed: 'folders' },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

const managedTag = new ExtendedPropertyDefinition(
  DefaultExtendedPropertySet.PublicStrings,
  'ExsyncManagedFolder',
  MapiPropertyType.String,
);

describe('GetFolder and FindFolder', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/getfolder-operation
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/distinguishedfolderid
  it('binds distinguished folders with their counts', async () => {
    const inbox = await Folder.Bind(service, WellKnownFolderName.Inbox);
    const model = sim.model.wellKnownFolder(mailbox, 'inbox');
    expect(inbox.DisplayName).toBe('Inbox');
    expect(inbox.TotalCount).toBe(model?.totalCount);
    expect(inbox.UnreadCount).toBe(model?.unreadCount);
    expect(inbox.Id.UniqueId).toBe(model?.id);
    const root = await Folder.Bind(service, WellKnownFolderName.MsgFolderRoot);
    expect(root.DisplayName).toBe('Top of Information Store');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/findfolder-operation (Traversal Shallow | Deep)
  it('lists children (Shallow) and the whole tree (Deep)', async () => {
    const shallow = await service.FindFolders(WellKnownFolderName.MsgFolderRoot, new FolderView(100));
    const deepView = new FolderView(500);
    deepView.Traversal = FolderTraversal.Deep;
    const deep = await service.FindFolders(WellKnownFolderName.MsgFolderRoot, deepView);
    const msgRoot = sim.model.wellKnownFolder(mailbox, 'msgfolderroot')?.id ?? '';
    expect(shallow.TotalCount).toBe(sim.model.childFolders(msgRoot).length);
    expect(deep.TotalCount).toBe(sim.model.descendantFolders(msgRoot).length);
    // Generated user folders nest five deep below the message root.
    const depths = sim.model.descendantFolders(msgRoot).map((f) => f.path.length);
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(6);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/restriction
  it('finds a folder by display name with a restriction', async () => {
    const deepView = new FolderView(10);
    deepView.Traversal = FolderTraversal.Deep;
    const result = await service.FindFolders(
      WellKnownFolderName.MsgFolderRoot,
      new SearchFilter.IsEqualTo(FolderSchema.DisplayName, 'Junk Email'),
      deepView,
    );
    expect(result.Folders.map((f) => f.DisplayName)).toEqual(['Junk Email']);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/distinguishedfolderid: Id is DistinguishedFolderIdNameType
  it('fails schema validation for an unknown distinguished folder name', async () => {
    const response = await rawSoap(
      sim,
      '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="nosuchfolder"/></m:FolderIds></m:GetFolder>',
      { mailbox },
    );
    expect(response.status).toBe(500);
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorSchemaValidation');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorInvalidIdMalformed, ErrorFolderNotFound)
  it('answers ErrorInvalidIdMalformed and ErrorFolderNotFound for bad folder ids', async () => {
    const malformed = await rejection(Folder.Bind(service, new FolderId('not-a-real-id')));
    expect(malformed['ErrorCode']).toBe(ServiceError.ErrorInvalidIdMalformed);
    const otherMailbox = sim.model.mailboxAt(1)?.primarySmtp ?? '';
    const foreign = sim.model.wellKnownFolder(otherMailbox, 'inbox')?.id ?? '';
    const notMine = await rejection(Folder.Bind(service, new FolderId(foreign)));
    expect(notMine['ErrorCode']).toBe(ServiceError.ErrorFolderNotFound);
  });
});

describe('CreateFolder and DeleteFolder', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/createfolder-operation
  it('creates a folder with an extended property and refuses a duplicate name (ErrorFolderExists)', async () => {
    const folder = new Folder(service);
    folder.DisplayName = 'Managed: Retain 30 days';
    folder.SetExtendedProperty(managedTag, 'retain-30');
    await folder.Save(WellKnownFolderName.MsgFolderRoot);
    const stored = sim.model.folder(folder.Id.UniqueId);
    expect(stored?.displayName).toBe('Managed: Retain 30 days');
    expect(stored?.extendedProperties.map((p) => p.value)).toEqual(['retain-30']);

    const bound = await Folder.Bind(
      service,
      folder.Id,
      new PropertySet(BasePropertySet.FirstClassProperties, [managedTag]),
    );
    expect(bound.ExtendedProperties.Count).toBe(1);
    expect(bound.ExtendedProperties._getItem(0).Value).toBe('retain-30');

    const duplicate = new Folder(service);
    duplicate.DisplayName = 'managed: RETAIN 30 days';
    const error = await rejection(duplicate.Save(WellKnownFolderName.MsgFolderRoot));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorFolderExists);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/deletefolder-operation
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/deleting-items-by-using-ews-in-exchange
  it('moves a folder to Deleted Items, hard-deletes it, and refuses to delete distinguished folders', async () => {
    const folder = new Folder(service);
    folder.DisplayName = 'To be deleted';
    await folder.Save(WellKnownFolderName.Inbox);
    await folder.Delete(DeleteMode.MoveToDeletedItems);
    const deletedItems = sim.model.wellKnownFolder(mailbox, 'deleteditems')?.id;
    expect(sim.model.folder(folder.Id.UniqueId)?.parentId).toBe(deletedItems);
    await folder.Delete(DeleteMode.HardDelete);
    expect(sim.model.folder(folder.Id.UniqueId)).toBeUndefined();

    const inbox = await Folder.Bind(service, WellKnownFolderName.Inbox);
    const error = await rejection(inbox.Delete(DeleteMode.HardDelete));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorDeleteDistinguishedFolder);
  });
});

describe('SyncFolderHierarchy', () => {
  async function changesSince(state: string | null): Promise<{ changes: FolderChange[]; state: string }> {
    // The typings say string; null starts an initial sync.
    const result = await service.SyncFolderHierarchy(
      new FolderId(WellKnownFolderName.MsgFolderRoot),
      PropertySet.FirstClassProperties,
      state as string,
    );
    return { changes: result.GetEnumerator(), state: result.SyncState };
  }

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-synchronize-folders-by-using-ews-in-exchange
  it('returns every folder first, then creates, updates and deletes since the state', async () => {
    const initial = await changesSince(null);
    const msgRoot = sim.model.wellKnownFolder(mailbox, 'msgfolderroot')?.id ?? '';
    expect(initial.changes).toHaveLength(sim.model.descendantFolders(msgRoot).length);
    expect(initial.changes.every((c) => c.ChangeType === ChangeType.Create)).toBe(true);

    const created = sim.model.createFolder(msgRoot, { displayName: 'Hierarchy new' });
    const renamed = sim.model.folders(mailbox).find((f) => !f.wellKnownName && f.path.length === 2);
    sim.model.updateFolder(renamed?.id ?? '', { displayName: 'Renamed while syncing' });
    const doomed = sim.model.createFolder(msgRoot, { displayName: 'Hierarchy doomed' });
    const afterCreates = await changesSince(initial.state);
    sim.model.deleteFolder(doomed.id, 'hard');
    const afterDelete = await changesSince(afterCreates.state);

    const first = new Map(afterCreates.changes.map((c) => [c.FolderId.UniqueId, c.ChangeType]));
    expect(first.get(created.id)).toBe(ChangeType.Create);
    expect(first.get(renamed?.id ?? '')).toBe(ChangeType.Update);
    expect(first.get(doomed.id)).toBe(ChangeType.Create);
    expect(afterDelete.changes.map((c) => [c.FolderId.UniqueId, c.ChangeType])).toEqual([
      [doomed.id, ChangeType.Delete],
    ]);
    const quiet = await changesSince(afterDelete.state);
    expect(quiet.changes).toHaveLength(0);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/handling-synchronization-related-errors-in-ews-in-exchange:
  // "Use different root folders in subsequent requests" → ErrorInvalidSyncStateData
  it('refuses a state used with a different sync root, or an item sync state', async () => {
    const { state } = await changesSince(null);
    const otherRoot = await rejection(
      service.SyncFolderHierarchy(new FolderId(WellKnownFolderName.Inbox), PropertySet.IdOnly, state),
    );
    expect(otherRoot['ErrorCode']).toBe(ServiceError.ErrorInvalidSyncStateData);
    const noRoot = await rejection(service.SyncFolderHierarchy(PropertySet.IdOnly, state));
    expect(noRoot['ErrorCode']).toBe(ServiceError.ErrorInvalidSyncStateData);
  });
});

describe('UpdateFolder and MoveFolder', () => {
  async function hierarchyState(): Promise<string> {
    const result = await service.SyncFolderHierarchy(
      new FolderId(WellKnownFolderName.MsgFolderRoot),
      PropertySet.IdOnly,
      null as unknown as string,
    );
    return result.SyncState;
  }

  async function updatesSince(state: string): Promise<FolderChange[]> {
    const result = await service.SyncFolderHierarchy(
      new FolderId(WellKnownFolderName.MsgFolderRoot),
      PropertySet.FirstClassProperties,
      state,
    );
    return result.GetEnumerator();
  }

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/updatefolder-operation (SetFolderField folder:DisplayName)
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-synchronize-folders-by-using-ews-in-exchange
  it('renames a folder and sets an extended property; the hierarchy sync reports an Update with a new ChangeKey', async () => {
    const folder = new Folder(service);
    folder.DisplayName = 'Before rename';
    await folder.Save(WellKnownFolderName.MsgFolderRoot);
    const state = await hierarchyState();
    const bound = await Folder.Bind(service, folder.Id);
    const oldChangeKey = bound.Id.ChangeKey;

    bound.DisplayName = 'After rename';
    bound.SetExtendedProperty(managedTag, 'retain-90');
    await bound.Update();

    const stored = sim.model.folder(folder.Id.UniqueId);
    expect(stored?.displayName).toBe('After rename');
    expect(stored?.extendedProperties.map((p) => p.value)).toEqual(['retain-90']);
    const changes = await updatesSince(state);
    expect(changes.map((c) => [c.FolderId.UniqueId, c.ChangeType])).toEqual([
      [folder.Id.UniqueId, ChangeType.Update],
    ]);
    const reported = changes[0]?.Folder;
    expect(reported?.DisplayName).toBe('After rename');
    expect(reported?.Id.ChangeKey).toBe(stored?.changeKey);
    expect(reported?.Id.ChangeKey).not.toBe(oldChangeKey);

    const rebound = await Folder.Bind(service, folder.Id);
    expect(rebound.DisplayName).toBe('After rename');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/updatefolder-operation
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorFolderExists)
  it('refuses a rename to a name a sibling already has (ErrorFolderExists)', async () => {
    const first = new Folder(service);
    first.DisplayName = 'Sibling one';
    await first.Save(WellKnownFolderName.Inbox);
    const second = new Folder(service);
    second.DisplayName = 'Sibling two';
    await second.Save(WellKnownFolderName.Inbox);
    second.DisplayName = 'Sibling one';
    const error = await rejection(second.Update());
    expect(error['ErrorCode']).toBe(ServiceError.ErrorFolderExists);
    expect(sim.model.folder(second.Id.UniqueId)?.displayName).toBe('Sibling two');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/movefolder-operation
  it('moves a folder to another parent, reported as an Update; distinguished folders cannot move', async () => {
    const folder = new Folder(service);
    folder.DisplayName = 'Wandering folder';
    await folder.Save(WellKnownFolderName.Inbox);
    const oldChangeKey = sim.model.folder(folder.Id.UniqueId)?.changeKey;
    const state = await hierarchyState();
    const junk = sim.model.wellKnownFolder(mailbox, 'junkemail')?.id ?? '';

    const moved = await folder.Move(new FolderId(junk));
    expect(moved?.Id.UniqueId).toBe(folder.Id.UniqueId);
    expect(sim.model.folder(folder.Id.UniqueId)?.parentId).toBe(junk);
    const changes = await updatesSince(state);
    expect(changes.map((c) => [c.FolderId.UniqueId, c.ChangeType])).toEqual([
      [folder.Id.UniqueId, ChangeType.Update],
    ]);
    expect(changes[0]?.Folder.ParentFolderId.UniqueId).toBe(junk);
    expect(changes[0]?.Folder.Id.ChangeKey).not.toBe(oldChangeKey);

    const inbox = await Folder.Bind(service, WellKnownFolderName.Inbox);
    const error = await rejection(inbox.Move(new FolderId(junk)));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorMoveDistinguishedFolder);
  });
});
