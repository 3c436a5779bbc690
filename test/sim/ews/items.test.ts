import type { ExchangeService, Item, PropertyDefinitionBase } from 'ews-javascript-api';
import {
  Appointment,
  BasePropertySet,
  BodyType,
  DateTime,
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
  Recurrence,
  SendInvitationsMode,
  Sensitivity,
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
    population: {
      mailboxes: 2,
      foldersPerMailbox: 3,
      itemsPerFolder: 10,
      calendarItemsPerMailbox: 12,
      recurringShare: 0.5,
      attachmentShare: 0.5,
      seed: 'items',
    },
  },
  (fixture) => ({ sim, mailbox, service } = fixture),
);

const PR_MESSAGE_FLAGS = new ExtendedPropertyDefinition(0x0e07, MapiPropertyType.Integer);
const PR_MESSAGE_DELIVERY_TIME = new ExtendedPropertyDefinition(0x0e06, MapiPropertyType.SystemTime);
const PR_MESSAGE_SIZE = new ExtendedPropertyDefinition(0x0e08, MapiPropertyType.Integer);
const archiveRef = new ExtendedPropertyDefinition(
  DefaultExtendedPropertySet.PublicStrings,
  'ExsyncArchiveRef',
  MapiPropertyType.String,
);

/** A message full of bytes a careless round trip would change: 8-bit text, odd spacing, CRLF, binary. */
function trickyMime(): Buffer {
  const binary = Buffer.alloc(3000);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + 13) & 0xff;
  const base64 = binary.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  const text =
    'Received: from mx.partner.example (10.0.0.1) by exch01.example.test with SMTP; Tue, 4 Mar 2025 10:00:00 +0000\r\n' +
    'X-Custom-Header:   odd   spacing   \r\n' +
    'From: "Zo\u00eb Example" <zoe@partner.example>\r\n' +
    `To: ${mailbox}\r\n` +
    'Subject: =?iso-8859-1?Q?Caf=E9_order?=\r\n' +
    'Date: Tue, 04 Mar 2025 09:59:00 +0100\r\n' +
    'Message-ID: <roundtrip-1@partner.example>\r\n' +
    'Sensitivity: Company-Confidential\r\n' +
    'MIME-Version: 1.0\r\n' +
    'Content-Type: multipart/mixed; boundary="b1"\r\n' +
    '\r\n' +
    '--b1\r\n' +
    'Content-Type: text/plain; charset=utf-8\r\n' +
    'Content-Transfer-Encoding: 8bit\r\n' +
    '\r\n' +
    'Body with 8-bit bytes: caf\u00e9 \u2713 and a trailing space \r\n' +
    '--b1\r\n' +
    'Content-Type: application/octet-stream; name="blob.bin"\r\n' +
    'Content-Disposition: attachment; filename="blob.bin"\r\n' +
    'Content-Transfer-Encoding: base64\r\n' +
    '\r\n' +
    base64 +
    '--b1--\r\n';
  return Buffer.from(text, 'utf8');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function importMime(mime: Buffer, flags?: number): Promise<EmailMessage> {
  const message = new EmailMessage(service);
  message.MimeContent = new MimeContent('UTF-8', mime.toString('base64'));
  if (flags !== undefined) message.SetExtendedProperty(PR_MESSAGE_FLAGS, flags);
  await message.Save(WellKnownFolderName.Inbox);
  return message;
}

async function bind(id: ItemId, extra: PropertyDefinitionBase[] = []): Promise<Item> {
  const responses = await service.BindToItems(
    [id],
    new PropertySet(BasePropertySet.FirstClassProperties, extra),
  );
  const item = responses.Responses[0]?.Item;
  if (!item) throw new Error('item not returned');
  return item;
}

describe('MIME', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/mimecontent
  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-import-items-by-using-ews-in-exchange
  it('returns imported MIME byte for byte from GetItem (IncludeMimeContent)', async () => {
    const mime = trickyMime();
    const message = await importMime(mime, 1);
    const item = await bind(message.Id, [ItemSchema.MimeContent]);
    expect(Buffer.from(item.MimeContent.Content, 'base64').equals(mime)).toBe(true);
    expect(item.Subject).toBe('Caf\u00e9 order');
    expect(item.Sensitivity).toBe(Sensitivity.Confidential);
    expect(item.Attachments.Count).toBe(1);
    expect(item.Attachments._getItem(0).Name).toBe('blob.bin');
    expect(item.Size).toBe(mime.length);
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-export-items-by-using-ews-in-exchange
  it('serves the MIME of generated items consistently with their Size', async () => {
    const inbox = sim.model.wellKnownFolder(mailbox, 'inbox')?.id ?? '';
    for (const generated of [...sim.model.items(inbox)].slice(0, 4)) {
      const item = await bind(new ItemId(generated.id), [ItemSchema.MimeContent]);
      const bytes = Buffer.from(item.MimeContent.Content, 'base64');
      expect(bytes.equals(sim.model.mime(generated.id))).toBe(true);
      expect(item.Size).toBe(bytes.length);
    }
  });

  // https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-import-items-by-using-ews-in-exchange:
  // set PR_MESSAGE_FLAGS so the imported item is not a draft; PR_MESSAGE_DELIVERY_TIME sets the received time.
  it('imports as a draft unless PR_MESSAGE_FLAGS says otherwise, and honours PR_MESSAGE_DELIVERY_TIME', async () => {
    const draft = await bind((await importMime(trickyMime())).Id);
    expect(draft.IsDraft).toBe(true);
    const message = new EmailMessage(service);
    message.MimeContent = new MimeContent('UTF-8', trickyMime().toString('base64'));
    message.SetExtendedProperty(PR_MESSAGE_FLAGS, 1);
    message.SetExtendedProperty(PR_MESSAGE_DELIVERY_TIME, new DateTime(Date.parse('2024-02-29T12:00:00Z')));
    await message.Save(WellKnownFolderName.Inbox);
    const received = await bind(message.Id, [PR_MESSAGE_SIZE]);
    expect(received.IsDraft).toBe(false);
    expect((received as EmailMessage).IsRead).toBe(true);
    expect(received.DateTimeReceived.ToISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(Number(received.ExtendedProperties._getItem(0).Value)).toBe(trickyMime().length);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorMimeContentInvalidBase64String)
  it('refuses MimeContent that is not base64', async () => {
    const response = await rawSoap(
      sim,
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:MimeContent CharacterSet="UTF-8">!!not base64!!</t:MimeContent></t:Message></m:Items></m:CreateItem>',
      { mailbox },
    );
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorMimeContentInvalidBase64String');
  });
});

describe('Sensitivity', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/sensitivity
  // (Normal, Personal, Private, Confidential); in MIME the RFC 2156 Sensitivity header.
  it.each([
    [Sensitivity.Normal, undefined],
    [Sensitivity.Personal, 'Personal'],
    [Sensitivity.Private, 'Private'],
    [Sensitivity.Confidential, 'Company-Confidential'],
  ])('round-trips Sensitivity %s through EWS and MIME', async (sensitivity, header) => {
    const message = new EmailMessage(service);
    message.Subject = `Sensitivity ${Sensitivity[sensitivity]}`;
    message.Body = new MessageBody(BodyType.Text, 'x');
    message.Sensitivity = sensitivity;
    await message.Save(WellKnownFolderName.Drafts);
    const item = await bind(message.Id, [ItemSchema.MimeContent]);
    expect(item.Sensitivity).toBe(sensitivity);
    const mime = Buffer.from(item.MimeContent.Content, 'base64').toString('latin1');
    const found = /^Sensitivity: (.*)\r$/m.exec(mime)?.[1];
    expect(found).toBe(header);
    // And back: importing that MIME gives the same sensitivity.
    const reimported = await bind((await importMime(Buffer.from(mime, 'latin1'), 1)).Id);
    expect(reimported.Sensitivity).toBe(sensitivity);
  });
});

describe('Properties', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/extendedproperty
  it('stores named extended properties and returns them only when asked', async () => {
    const message = new EmailMessage(service);
    message.Subject = 'With a property';
    message.SetExtendedProperty(archiveRef, 'sha256:abc123');
    await message.Save(WellKnownFolderName.Drafts);
    const without = await bind(message.Id);
    expect(without.ExtendedProperties.Count).toBe(0);
    const withIt = await bind(message.Id, [archiveRef]);
    expect(withIt.ExtendedProperties._getItem(0).Value).toBe('sha256:abc123');
    expect(sim.model.item(message.Id.UniqueId)?.extendedProperties.map((p) => p.value)).toEqual([
      'sha256:abc123',
    ]);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/bodytype
  // ews-javascript-api writes text values unescaped; callers must XML-escape them
  // (https://github.com/gautamsi/ews-javascript-api/issues/368), which is what escapeXml does here.
  it('converts the body to the BodyType asked for', async () => {
    const message = new EmailMessage(service);
    message.Subject = 'HTML body';
    message.Body = new MessageBody(
      BodyType.HTML,
      escapeXml('<html><body><p>Hello &amp; <b>welcome</b></p></body></html>'),
    );
    await message.Save(WellKnownFolderName.Drafts);
    const props = new PropertySet(BasePropertySet.IdOnly, [ItemSchema.Body]);
    props.RequestedBodyType = BodyType.Text;
    const text = (await service.BindToItems([message.Id], props)).Responses[0]?.Item;
    expect(text?.Body.BodyType).toBe(BodyType.Text);
    expect(text?.Body.Text).toBe('Hello & welcome');
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorSchemaValidation):
  // an unescaped HTML body is markup inside the text-only t:Body element.
  it('fails schema validation when a body is sent without XML escaping', async () => {
    const message = new EmailMessage(service);
    message.Subject = 'Unescaped';
    message.Body = new MessageBody(BodyType.HTML, '<p>raw markup</p>');
    const error = await rejection(message.Save(WellKnownFolderName.Drafts));
    expect(error['HttpStatusCode']).toBe(500);
    expect(error['ResponseCode']).toBe(ServiceError.ErrorSchemaValidation);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode (ErrorItemNotFound, ErrorInvalidIdMalformed, ErrorCannotUseFolderIdForItemId)
  it('reports bad item ids per item, not for the whole batch', async () => {
    const inbox = sim.model.wellKnownFolder(mailbox, 'inbox');
    const [good] = [...sim.model.items(inbox?.id ?? '')];
    const foreignMailbox = sim.model.mailboxAt(1)?.primarySmtp ?? '';
    const [foreign] = [...sim.model.items(sim.model.wellKnownFolder(foreignMailbox, 'inbox')?.id ?? '')];
    const result = await service.BindToItems(
      [
        new ItemId(good?.id ?? ''),
        new ItemId('garbage'),
        new ItemId(inbox?.id ?? ''),
        new ItemId(foreign?.id ?? ''),
      ],
      PropertySet.IdOnly,
    );
    const codes = result.Responses.map((r) => ServiceError[r.ErrorCode]);
    expect(codes).toEqual([
      'NoError',
      'ErrorInvalidIdMalformed',
      'ErrorCannotUseFolderIdForItemId',
      'ErrorItemNotFound',
    ]);
  });
});

describe('Sending', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/createitem-operation-email-message
  // (MessageDisposition SendAndSaveCopy): delivered to the recipients, a copy kept in Sent Items.
  it('delivers SendAndSaveCopy messages to internal recipients and groups, keeping a sent copy', async () => {
    const other = sim.model.mailboxAt(1)?.primarySmtp ?? '';
    sim.model.addGroup({ primarySmtp: 'team@example.test', displayName: 'Team', members: [other, mailbox] });
    const inboxOf = (address: string): string => sim.model.wellKnownFolder(address, 'inbox')?.id ?? '';
    const before = {
      other: sim.model.itemCount(inboxOf(other)),
      mine: sim.model.itemCount(inboxOf(mailbox)),
    };
    const message = new EmailMessage(service);
    message.Subject = 'Team notice';
    message.Body = new MessageBody(BodyType.Text, 'See you at noon.');
    message.ToRecipients.Add('team@example.test');
    message.CcRecipients.Add('outsider@partner.example');
    await message.SendAndSaveCopy();
    expect(sim.model.itemCount(inboxOf(other))).toBe(before.other + 1);
    expect(sim.model.itemCount(inboxOf(mailbox))).toBe(before.mine + 1);
    const delivered = [...sim.model.items(inboxOf(other))].find((i) => i.subject === 'Team notice');
    expect(delivered?.isRead).toBe(false);
    expect(delivered?.from?.address).toBe(mailbox);
    const sent = [...sim.model.items(sim.model.wellKnownFolder(mailbox, 'sentitems')?.id ?? '')].find(
      (i) => i.subject === 'Team notice',
    );
    expect(sent?.isDraft).toBe(false);
  });
});

describe('InternetMessageId', () => {
  /** Exchange's form: 32 hex digits at the mailbox server's FQDN. */
  const EXCHANGE_FORM = /^<[0-9A-F]{32}@[a-z0-9.-]+>$/;

  async function internetMessageIdOf(id: ItemId): Promise<string> {
    const message = await EmailMessage.Bind(service, id);
    return message.InternetMessageId;
  }

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/internetmessageid
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/createitem-operation-email-message
  it('gives every message created from fields its own InternetMessageId', async () => {
    const ids: string[] = [];
    for (const subject of ['First draft', 'Second draft']) {
      const message = new EmailMessage(service);
      message.Subject = subject;
      await message.Save(WellKnownFolderName.Drafts);
      ids.push(await internetMessageIdOf(message.Id));
    }
    expect(ids[0]).toMatch(EXCHANGE_FORM);
    expect(ids[1]).toMatch(EXCHANGE_FORM);
    expect(ids[0]).not.toBe(ids[1]);
    const generated = new Set(
      sim.model.folders(mailbox).flatMap((f) => [...sim.model.items(f.id)].map((i) => i.internetMessageId)),
    );
    expect(generated.has(ids[0])).toBe(true);
    expect([...generated].filter((id) => id === ids[0])).toHaveLength(1);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/createitem-operation-email-message (SendAndSaveCopy, SendOnly)
  it('keeps the same InternetMessageId on the sent copy and the delivered copies', async () => {
    const other = sim.model.mailboxAt(1)?.primarySmtp ?? '';
    const message = new EmailMessage(service);
    message.Subject = 'Shared message id';
    message.ToRecipients.Add(other);
    await message.SendAndSaveCopy();
    const sent = [...sim.model.items(sim.model.wellKnownFolder(mailbox, 'sentitems')?.id ?? '')].find(
      (i) => i.subject === 'Shared message id',
    );
    const delivered = [...sim.model.items(sim.model.wellKnownFolder(other, 'inbox')?.id ?? '')].find(
      (i) => i.subject === 'Shared message id',
    );
    const sentId = await internetMessageIdOf(new ItemId(sent?.id ?? ''));
    expect(sentId).toMatch(EXCHANGE_FORM);
    expect(delivered?.internetMessageId).toBe(sentId);

    const unsaved = new EmailMessage(service);
    unsaved.Subject = 'Sent only';
    unsaved.ToRecipients.Add(other);
    await unsaved.Send();
    const received = [...sim.model.items(sim.model.wellKnownFolder(other, 'inbox')?.id ?? '')].find(
      (i) => i.subject === 'Sent only',
    );
    expect(received?.internetMessageId).toMatch(EXCHANGE_FORM);
    expect(received?.internetMessageId).not.toBe(sentId);
  });
});

describe('Calendar items', () => {
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/calendaritem
  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/recurrence-recurrencetype
  it('returns recurring masters with their recurrence and attachments', async () => {
    const calendar = sim.model.wellKnownFolder(mailbox, 'calendar')?.id ?? '';
    const recurring =
      [...sim.model.items(calendar)].find((i) => i.calendar?.recurrence && i.hasAttachments) ??
      [...sim.model.items(calendar)].find((i) => i.calendar?.recurrence);
    expect(recurring).toBeDefined();
    const appointment = await Appointment.Bind(service, new ItemId(recurring?.id ?? ''));
    expect(appointment.Start.ToISOString()).toBe(new Date(recurring?.calendar?.start ?? '').toISOString());
    expect(appointment.End.ToISOString()).toBe(new Date(recurring?.calendar?.end ?? '').toISOString());
    expect(appointment.Recurrence).toBeInstanceOf(Recurrence);
    expect(appointment.Attachments.Count).toBe(recurring?.attachments.length);
  });

  // https://learn.microsoft.com/exchange/client-developer/web-service-reference/createitem-operation-calendar-item
  it('creates an appointment and requires SendMeetingInvitations for calendar items', async () => {
    const appointment = new Appointment(service);
    appointment.Subject = 'Created over EWS';
    appointment.Start = new DateTime(Date.parse('2026-02-02T09:00:00Z'));
    appointment.End = new DateTime(Date.parse('2026-02-02T10:00:00Z'));
    appointment.Location = 'Room 7';
    await appointment.Save(new FolderId(WellKnownFolderName.Calendar), SendInvitationsMode.SendToNone);
    const stored = sim.model.item(appointment.Id.UniqueId);
    expect(stored?.kind).toBe('calendar');
    expect(stored?.calendar?.location).toBe('Room 7');
    const response = await rawSoap(
      sim,
      '<m:CreateItem><m:Items><t:CalendarItem><t:Subject>x</t:Subject><t:Start>2026-02-02T09:00:00Z</t:Start><t:End>2026-02-02T10:00:00Z</t:End></t:CalendarItem></m:Items></m:CreateItem>',
      { mailbox },
    );
    expect(find(response.xml, 'ResponseCode')?.text).toBe('ErrorSendMeetingInvitationsRequired');
    const error = await rejection(Appointment.Bind(service, new ItemId('zzz')));
    expect(error['ErrorCode']).toBe(ServiceError.ErrorInvalidIdMalformed);
  });
});
