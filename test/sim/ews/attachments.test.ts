import type { ExchangeService, FileAttachment } from 'ews-javascript-api';
import type { BodyType } from 'ews-javascript-api';
import {
  BasePropertySet,
  ConflictResolutionMode,
  EmailMessage,
  ItemId,
  PropertySet,
  ServiceError,
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
