import type { ExchangeService } from 'ews-javascript-api';
import {
  BasePropertySet,
  BodyType,
  ConflictResolutionMode,
  DefaultExtendedPropertySet,
  EmailMessage,
  ExtendedPropertyDefinition,
  FolderId,
  ItemId,
  ItemSchema,
  MapiPropertyType,
  MessageBody,
  MimeContent,
  PropertySet,
  ServiceError,
  SyncFolderItemsScope,
} from 'ews-javascript-api';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_STUB_ITEM_CLASS } from '../model/item-record.ts';
import type { Simulator } from '../simulator.ts';
import { find, rawSoap, rejection } from './ews-test-client.ts';
import { useEwsSimulator } from './ews-test-fixture.ts';

let sim: Simulator;
let mailbox: string;
let service: ExchangeService;

useEwsSimulator(
  {
    population: {
      mailboxes: 1,
      foldersPerMailbox: 2,
      itemsPerFolder: 30,
      attachmentShare: 0.6,
      stubShare: 0,
      seed: 'update-item',
    },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

const archiveRef = new ExtendedPropertyDefinition(
  DefaultExtendedPropertySet.PublicStrings,
  'ExsyncArchiveRef',
  MapiPropertyType.String,
);

function inbox(): string {
  return sim.model.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
}

function itemsWithAttachments() {
  return [...sim.model.items(inbox())].filter((i) => i.hasAttachments);
}

async function load(id: string): Promise<EmailMessage> {
  return EmailMessage.Bind(
    service,
    new ItemId(id),
    new PropertySet(BasePropertySet.FirstClassProperties, [archiveRef, ItemSchema.MimeContent]),
  );
}

describe('UpdateItem for stubbing', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/updateitem-operation
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-delete-attachments-by-using-ews-in-exchange
  it('turns a message into an archive stub and restores it byte for byte from its MIME', async () => {
    const [target] = itemsWithAttachments();
    const original = sim.model.mime(target?.id ?? '');
    const message = await load(target?.id ?? '');
    const beforeKey = message.Id.ChangeKey;
    const { state } = await (async () => {
      const page = await service.SyncFolderItems(
        new FolderId(inbox()),
        PropertySet.IdOnly,
        [],
        512,
        SyncFolderItemsScope.NormalItems,
        null as unknown as string,
      );
      return { state: page.SyncState };
    })();

    // Stub: drop the attachments (DeleteAttachment), replace the body, mark the class and the archive reference.
    message.Attachments.Clear();
    await message.Update(ConflictResolutionMode.AutoResolve);
    expect(sim.knobs.counterSnapshot().byOperation['ews:DeleteAttachment']).toBe(1);
    const stub = await load(message.Id.UniqueId);
    stub.Body = new MessageBody(BodyType.Text, 'This message was archived. Reference 42.');
    stub.ItemClass = ARCHIVE_STUB_ITEM_CLASS;
    stub.SetExtendedProperty(archiveRef, 'sha256:0f00ba4');
    await stub.Update(ConflictResolutionMode.AutoResolve);

    const stubbed = await load(message.Id.UniqueId);
    expect(stubbed.Id.ChangeKey).not.toBe(beforeKey);
    expect(stubbed.ItemClass).toBe(ARCHIVE_STUB_ITEM_CLASS);
    expect(stubbed.HasAttachments).toBe(false);
    expect(stubbed.Body.Text).toBe('This message was archived. Reference 42.');
    expect(stubbed.ExtendedProperties._getItem(0).Value).toBe('sha256:0f00ba4');
    const stubMime = Buffer.from(stubbed.MimeContent.Content, 'base64');
    expect(stubMime.length).toBeLessThan(original.length);
    expect(stubMime.toString('latin1')).not.toContain('Content-Disposition: attachment');
    const changes = await service.SyncFolderItems(
      new FolderId(inbox()),
      PropertySet.IdOnly,
      [],
      512,
      SyncFolderItemsScope.NormalItems,
      state,
    );
    expect(changes.GetEnumerator().map((c) => c.ItemId.UniqueId)).toEqual([message.Id.UniqueId]);

    // Restore: put the archived MIME back (MimeContent can be updated) and drop the stub marks.
    stubbed.MimeContent = new MimeContent('UTF-8', original.toString('base64'));
    stubbed.ItemClass = 'IPM.Note';
    stubbed.RemoveExtendedProperty(archiveRef);
    await stubbed.Update(ConflictResolutionMode.AutoResolve);
    const restored = await load(message.Id.UniqueId);
    expect(Buffer.from(restored.MimeContent.Content, 'base64').equals(original)).toBe(true);
    expect(restored.Attachments.Count).toBe(target?.attachments.length);
    expect(restored.ExtendedProperties.Count).toBe(0);
    expect(restored.ItemClass).toBe('IPM.Note');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/conflictresolution
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorIrresolvableConflict)
  it('refuses an update based on a stale change key unless it overwrites', async () => {
    const [, target] = itemsWithAttachments();
    const stale = await load(target?.id ?? '');
    sim.model.updateItem(target?.id ?? '', { categories: ['Changed by the user'] });
    stale.Subject = 'Engine edit';
    const error = await rejection(stale.Update(ConflictResolutionMode.NeverOverwrite));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorIrresolvableConflict);
    const again = await rejection(stale.Update(ConflictResolutionMode.AutoResolve));
    expect(again['ErrorCode']).toBe(ServiceError.ErrorIrresolvableConflict);
    await stale.Update(ConflictResolutionMode.AlwaysOverwrite);
    expect(sim.model.item(target?.id ?? '')?.subject).toBe('Engine edit');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/setitemfield
  it('validates change descriptions: one property each, matching the path, MessageDisposition for messages', async () => {
    const [item] = [...sim.model.items(inbox())];
    const change = (attrs: string, updates: string): string =>
      `<m:UpdateItem ${attrs}><m:ItemChanges><t:ItemChange><t:ItemId Id="${item?.id ?? ''}"/><t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;
    const setSubject =
      '<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>s</t:Subject></t:Message></t:SetItemField>';
    const noDisposition = await rawSoap(sim, change('ConflictResolution="AlwaysOverwrite"', setSubject), {
      mailbox,
    });
    expect(find(noDisposition.xml, 'ResponseCode')?.text).toBe('ErrorMessageDispositionRequired');
    const two = await rawSoap(
      sim,
      change(
        'MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite"',
        '<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>s</t:Subject><t:Importance>High</t:Importance></t:Message></t:SetItemField>',
      ),
      { mailbox },
    );
    expect(find(two.xml, 'ResponseCode')?.text).toBe('ErrorIncorrectUpdatePropertyCount');
    const mismatch = await rawSoap(
      sim,
      change(
        'MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite"',
        '<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Importance>High</t:Importance></t:Message></t:SetItemField>',
      ),
      { mailbox },
    );
    expect(find(mismatch.xml, 'ResponseCode')?.text).toBe('ErrorUpdatePropertyMismatch');
    const readOnly = await rawSoap(
      sim,
      change(
        'MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite"',
        '<t:SetItemField><t:FieldURI FieldURI="item:Size"/><t:Message><t:Size>1</t:Size></t:Message></t:SetItemField>',
      ),
      { mailbox },
    );
    expect(find(readOnly.xml, 'ResponseCode')?.text).toBe('ErrorInvalidPropertySet');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/flag
  it('sets the follow-up flag and read state', async () => {
    const [, , third] = [...sim.model.items(inbox())];
    const message = await load(third?.id ?? '');
    message.IsRead = false;
    await message.Update(ConflictResolutionMode.AutoResolve);
    expect(sim.model.item(third?.id ?? '')?.isRead).toBe(false);
    const response = await rawSoap(
      sim,
      `<m:UpdateItem MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite"><m:ItemChanges><t:ItemChange><t:ItemId Id="${third?.id ?? ''}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Flag"/><t:Message><t:Flag><t:FlagStatus>Flagged</t:FlagStatus><t:StartDate>2026-01-01T00:00:00Z</t:StartDate><t:DueDate>2026-01-08T00:00:00Z</t:DueDate></t:Flag></t:Message></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
      { mailbox },
    );
    expect(find(response.xml, 'ResponseCode')?.text).toBe('NoError');
    expect(sim.model.item(third?.id ?? '')?.flag).toEqual({
      status: 'Flagged',
      startAt: '2026-01-01T00:00:00Z',
      dueAt: '2026-01-08T00:00:00Z',
    });
  });
});
