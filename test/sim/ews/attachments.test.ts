import type { ExchangeService, FileAttachment } from 'ews-javascript-api';
import type { BodyType } from 'ews-javascript-api';
import { createHash } from 'node:crypto';
import {
  Appointment,
  BasePropertySet,
  ConflictResolutionMode,
  DateTime,
  EmailMessage,
  FolderId,
  Item,
  ItemId,
  MessageBody,
  PropertySet,
  SendInvitationsMode,
  ServiceError,
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
      foldersPerMailbox: 1,
      itemsPerFolder: 20,
      attachmentShare: 0.8,
      attachmentSize: { min: 1000, max: 40_000 },
      stubShare: 0,
      seed: 'attachments',
    },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

function withAttachments(owner = mailbox) {
  return [...sim.model.items(sim.model.wellKnownFolder(owner, 'inbox')?.id ?? '')].filter(
    (i) => i.attachments.length > 0,
  );
}

/** The library's BodyType has no Best member; null asks for the stored format. */
const BEST_BODY = null as unknown as BodyType;

const attachmentRequest = (id: string): string =>
  `<m:GetAttachment><m:AttachmentIds><t:AttachmentId Id="${id}"/></m:AttachmentIds></m:GetAttachment>`;

describe('Attachments', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/getattachment-operation
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-get-attachments-by-using-ews-in-exchange
  it('returns file attachment content byte for byte', async () => {
    const [item] = withAttachments();
    const message = await EmailMessage.Bind(
      service,
      new ItemId(item?.id ?? ''),
      new PropertySet(BasePropertySet.FirstClassProperties),
    );
    const ids = item?.attachments.map((a) => a.id) ?? [];
    const response = await service.GetAttachments(ids, BEST_BODY, []);
    expect(response.Responses).toHaveLength(ids.length);
    for (const [index, r] of response.Responses.entries()) {
      const attachment = r.Attachment as FileAttachment;
      const expected = sim.model.attachment(ids[index] ?? '')?.content;
      expect(Buffer.from(attachment.Base64Content, 'base64').equals(expected ?? Buffer.alloc(1))).toBe(true);
      expect(attachment.Name).toBe(item?.attachments[index]?.name);
    }
    expect(message.Attachments.Count).toBe(ids.length);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/createattachment-operation
  it('adds a file attachment and changes the item change key', async () => {
    const [, item] = withAttachments();
    const message = await EmailMessage.Bind(service, new ItemId(item?.id ?? ''));
    const before = message.Id.ChangeKey;
    message.Attachments.AddFileAttachment(
      'report.txt',
      Buffer.from('quarterly numbers\r\n').toString('base64'),
    );
    await message.Update(ConflictResolutionMode.AlwaysOverwrite);
    const after = sim.model.item(item?.id ?? '');
    expect(after?.attachments.map((a) => a.name)).toContain('report.txt');
    expect(after?.changeKey).not.toBe(before);
    const added = after?.attachments.find((a) => a.name === 'report.txt');
    expect(sim.model.attachment(added?.id ?? '')?.content.toString()).toBe('quarterly numbers\r\n');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/deleteattachment-operation
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorInvalidAttachmentId)
  it('deletes attachments, after which their ids are invalid', async () => {
    const [, , item] = withAttachments();
    const [first] = item?.attachments ?? [];
    const response = await rawSoap(
      sim,
      `<m:DeleteAttachment><m:AttachmentIds><t:AttachmentId Id="${first?.id ?? ''}"/></m:AttachmentIds></m:DeleteAttachment>`,
      { mailbox },
    );
    expect(find(response.xml, 'ResponseCode')?.text).toBe('NoError');
    const root = find(response.xml, 'RootItemId');
    expect(root?.attrs['RootItemId']).toBe(item?.id);
    expect(root?.attrs['RootItemChangeKey']).toBe(sim.model.item(item?.id ?? '')?.changeKey);
    expect(sim.model.item(item?.id ?? '')?.attachments).toHaveLength((item?.attachments.length ?? 0) - 1);
    const again = await rawSoap(sim, attachmentRequest(first?.id ?? ''), { mailbox });
    expect(find(again.xml, 'ResponseCode')?.text).toBe('ErrorInvalidAttachmentId');
  });

  it('refuses attachment ids of another mailbox and item ids in their place', async () => {
    const other = sim.model.mailboxAt(1)?.primarySmtp ?? '';
    const [foreign] = withAttachments(other);
    const response = await rawSoap(sim, attachmentRequest(foreign?.attachments[0]?.id ?? ''), { mailbox });
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorInvalidAttachmentId');
    const wrongKind = await rawSoap(sim, attachmentRequest(foreign?.id ?? ''), { mailbox });
    expect(find(wrongKind.xml, 'ResponseCode')?.text).toBe('ErrorInvalidIdNotAnItemAttachmentId');
    const bad = await service.GetAttachments(['garbage'], BEST_BODY, []).then(
      (r) => r.Responses[0]?.ErrorCode,
      (e: { ErrorCode?: number }) => e.ErrorCode,
    );
    expect(bad).toBe(ServiceError.ErrorInvalidIdMalformed);
  });
});

describe('CreateItem with file attachments', () => {
  const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
  /** Every byte value, so that an encoding slip (UTF-8, line endings) would show. */
  const binary = Buffer.from(Array.from({ length: 3 * 256 }, (_, i) => (i * 7) % 256));
  const text = Buffer.from('line one\r\nline two\n', 'utf8');

  /** The attachments of an item as the client reads them back: name → SHA-256 of GetAttachment's bytes. */
  async function attachmentDigests(itemId: ItemId): Promise<Record<string, string>> {
    const item = await Item.Bind(service, itemId);
    const ids: string[] = [];
    for (let i = 0; i < item.Attachments.Count; i++) ids.push(item.Attachments._getItem(i).Id);
    const response = await service.GetAttachments(ids, BEST_BODY, []);
    const out: Record<string, string> = {};
    for (const r of response.Responses) {
      const attachment = r.Attachment as FileAttachment;
      out[attachment.Name] = sha256(Buffer.from(attachment.Base64Content, 'base64'));
    }
    return out;
  }

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-add-attachments-by-using-ews-in-exchange
  // ("CreateItem for a new email"), https://learn.microsoft.com/exchange/client-developer/web-service-reference/getattachment-operation
  it('saves a new message with its attachments and serves them back byte-identical', async () => {
    const message = new EmailMessage(service);
    message.Subject = 'Created with attachments';
    message.Body = new MessageBody('See attached.');
    message.Attachments.AddFileAttachment('table.bin', binary.toString('base64'));
    message.Attachments.AddFileAttachment('notes.txt', text.toString('base64'));
    const createAttachments = sim.knobs.counterSnapshot().byOperation['ews:CreateAttachment'] ?? 0;
    await message.Save(WellKnownFolderName.Drafts);
    // One CreateItem carried them: the client did not have to add them again with CreateAttachment.
    expect(sim.knobs.counterSnapshot().byOperation['ews:CreateAttachment'] ?? 0).toBe(createAttachments);

    const stored = sim.model.item(message.Id.UniqueId);
    expect(stored?.attachments.map((a) => a.name)).toEqual(['table.bin', 'notes.txt']);
    expect(stored?.hasAttachments).toBe(true);
    expect(await attachmentDigests(message.Id)).toEqual({
      'table.bin': sha256(binary),
      'notes.txt': sha256(text),
    });
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-add-attachments-by-using-ews-in-exchange
  it('saves a new calendar item with a file attachment', async () => {
    const appointment = new Appointment(service);
    appointment.Subject = 'Meeting with agenda';
    appointment.Start = new DateTime(Date.UTC(2026, 11, 1, 9));
    appointment.End = new DateTime(Date.UTC(2026, 11, 1, 10));
    appointment.Attachments.AddFileAttachment('agenda.bin', binary.toString('base64'));
    await appointment.Save(new FolderId(WellKnownFolderName.Calendar), SendInvitationsMode.SendToNone);

    const stored = sim.model.item(appointment.Id.UniqueId);
    expect(stored?.kind).toBe('calendar');
    expect(stored?.attachments.map((a) => a.name)).toEqual(['agenda.bin']);
    expect(await attachmentDigests(appointment.Id)).toEqual({ 'agenda.bin': sha256(binary) });
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-add-attachments-by-using-ews-in-exchange
  // (the example sends with SendAndSaveCopy, which the client does as CreateItem SaveOnly + SendItem:
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/senditem-operation);
  // the recipient's copy carries the same bytes.
  it('sends a message with an attachment; the saved copy and the delivered copy keep the bytes', async () => {
    const recipient = sim.model.mailboxAt(1)?.primarySmtp ?? '';
    const message = new EmailMessage(service);
    message.Subject = 'Sent with attachment';
    message.ToRecipients.Add(recipient);
    message.Attachments.AddFileAttachment('table.bin', binary.toString('base64'));
    await message.SendAndSaveCopy();

    const sent = [...sim.model.items(sim.model.wellKnownFolder(mailbox, 'sentitems')?.id ?? '')].find(
      (i) => i.subject === 'Sent with attachment',
    );
    expect(sent?.isDraft).toBe(false);
    expect(sent?.attachments.map((a) => a.name)).toEqual(['table.bin']);
    expect(await attachmentDigests(new ItemId(sent?.id ?? ''))).toEqual({ 'table.bin': sha256(binary) });
    const drafts = [...sim.model.items(sim.model.wellKnownFolder(mailbox, 'drafts')?.id ?? '')];
    expect(drafts.some((i) => i.subject === 'Sent with attachment')).toBe(false);
    const delivered = [...sim.model.items(sim.model.wellKnownFolder(recipient, 'inbox')?.id ?? '')].find(
      (i) => i.subject === 'Sent with attachment',
    );
    const copy = delivered?.attachments[0];
    expect(copy?.name).toBe('table.bin');
    expect(sha256(sim.model.attachment(copy?.id ?? '')?.content ?? Buffer.alloc(0))).toBe(sha256(binary));
  });
});
