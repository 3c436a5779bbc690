import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00002@example.test';
const SENSITIVITY = 'Integer 0x36';
const PUBLIC_STRINGS_NAME = 'String {00020329-0000-0000-C000-000000000046} Name ExsyncStub';

// Odd but legal MIME: folded header, unknown X- header, quoted-printable body, trailing spaces.
const MIME = Buffer.from(
  [
    'Received: from mx1.partner.example (203.0.113.9) by mbx.example.test;',
    '\tMon, 3 Mar 2025 09:15:02 +0000',
    'From: "Sam Sender" <sam@partner.example>',
    `To: <${USER}>`,
    'Subject: Quarterly numbers  ',
    'Date: Mon, 3 Mar 2025 09:15:00 +0000',
    'Message-ID: <q1-numbers@partner.example>',
    'X-Odd-Header:   kept   as   is',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="iso-8859-1"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Gr=FC=DFe aus M=FCnchen =',
    'and a soft line break.',
    '',
  ].join('\r\n'),
  'latin1',
);

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe('Graph simulator: MIME, attachments, updates, extended properties, deletion', () => {
  let kit: GraphKit;
  let inboxId: string;
  beforeAll(async () => {
    kit = await startGraphKit();
    inboxId = kit.sim.model.wellKnownFolder(USER, 'inbox')?.id ?? '';
  });
  afterAll(async () => {
    await kit.close();
  });
  const url = (id: string) => `/users/${USER}/messages/${id}`;

  // https://learn.microsoft.com/graph/outlook-get-mime-message (GET /messages/{id}/$value)
  it('serves $value byte for byte as stored, for imported and generated messages', async () => {
    const imported = kit.sim.model.createItem(inboxId, { mime: MIME });
    const bytes = (await kit.client
      .api(`${url(imported.id)}/$value`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(bytes).equals(MIME)).toBe(true);
    const [generated] = kit.sim.model.items(inboxId);
    if (!generated) throw new Error('inbox is empty');
    const rendered = (await kit.client
      .api(`${url(generated.id)}/$value`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(Buffer.from(rendered).equals(kit.sim.model.mime(generated.id))).toBe(true);
  });

  // https://learn.microsoft.com/graph/api/message-list-attachments ; https://learn.microsoft.com/graph/api/attachment-delete (204)
  it('lists attachments with their bytes and deletes them', async () => {
    const content = Buffer.from('%PDF-1.4 fake pdf bytes \u0000\u0001\u0002', 'latin1');
    const item = kit.sim.model.createItem(inboxId, {
      subject: 'With attachments',
      attachments: [
        { name: 'report.pdf', contentType: 'application/pdf', content },
        { name: 'notes.txt', contentType: 'text/plain', content: Buffer.from('notes') },
      ],
    });
    const list = (await kit.client.api(`${url(item.id)}/attachments`).get()) as {
      value: Record<string, unknown>[];
    };
    expect(list.value.map((a) => a['name'])).toEqual(['report.pdf', 'notes.txt']);
    const pdf = list.value[0] ?? {};
    expect(pdf).toMatchObject({
      '@odata.type': '#microsoft.graph.fileAttachment',
      contentType: 'application/pdf',
      size: content.length,
      isInline: false,
    });
    expect(Buffer.from(String(pdf['contentBytes']), 'base64').equals(content)).toBe(true);
    const single = (await kit.client.api(`${url(item.id)}/attachments/${String(pdf['id'])}`).get()) as {
      name: string;
    };
    expect(single.name).toBe('report.pdf');

    const deleted = await kit.fetch(
      `${kit.graph.baseUrl}v1.0${url(item.id)}/attachments/${String(pdf['id'])}`,
      {
        method: 'DELETE',
        headers: await kit.authorization(),
      },
    );
    expect(deleted.status).toBe(204);
    const after = (await kit.client.api(`${url(item.id)}/attachments`).get()) as {
      value: { name: string }[];
    };
    expect(after.value.map((a) => a.name)).toEqual(['notes.txt']);
    const gone = await failure(kit.client.api(`${url(item.id)}/attachments/${String(pdf['id'])}`).get());
    expect(gone.statusCode).toBe(404);
    await kit.client.api(`${url(item.id)}/attachments/${String(list.value[1]?.['id'])}`).delete();
    const message = (await kit.client.api(url(item.id)).select('hasAttachments').get()) as {
      hasAttachments: boolean;
    };
    expect(message.hasAttachments).toBe(false);
  });

  // https://learn.microsoft.com/graph/api/resources/message (no sensitivity property in v1.0)
  // https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get (expand and filter by extended property)
  it('exposes sensitivity as the extended property Integer 0x36 (PR_SENSITIVITY)', async () => {
    const item = kit.sim.model.createItem(inboxId, { subject: 'Private matter', sensitivity: 'Private' });
    const message = (await kit.client
      .api(url(item.id))
      .expand(`singleValueExtendedProperties($filter=id eq '${SENSITIVITY}')`)
      .get()) as Record<string, unknown>;
    expect(message).not.toHaveProperty('sensitivity');
    expect(message['singleValueExtendedProperties']).toEqual([{ id: SENSITIVITY, value: '2' }]);
    const privateOnes = (await kit.client
      .api(`/users/${USER}/mailFolders/inbox/messages`)
      .filter(`singleValueExtendedProperties/any(ep: ep/id eq '${SENSITIVITY}' and ep/value eq '2')`)
      .select('subject')
      .top(1000)
      .get()) as { value: { id: string }[] };
    const expected = [...kit.sim.model.items(inboxId)]
      .filter((i) => i.sensitivity === 'Private')
      .map((i) => i.id);
    expect(privateOnes.value.map((m) => m.id).sort()).toEqual(expected.sort());
    expect(expected).toContain(item.id);
  });

  // https://learn.microsoft.com/graph/api/message-update (flag, isRead, categories, importance and extended properties on any message)
  // https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties
  it('updates the fields Graph allows on received mail', async () => {
    const item = kit.sim.model.createItem(inboxId, { subject: 'Follow me up', isRead: true });
    const updated = (await kit.client.api(url(item.id)).patch({
      isRead: false,
      categories: ['Red category'],
      importance: 'high',
      flag: {
        flagStatus: 'flagged',
        dueDateTime: { dateTime: '2026-02-01T12:00:00.0000000', timeZone: 'UTC' },
      },
      singleValueExtendedProperties: [
        { id: PUBLIC_STRINGS_NAME, value: 'archived-123' },
        { id: SENSITIVITY, value: '3' },
      ],
    })) as Record<string, unknown>;
    expect(updated).toMatchObject({
      isRead: false,
      categories: ['Red category'],
      importance: 'high',
      flag: { flagStatus: 'flagged' },
    });
    const view = kit.sim.model.item(item.id);
    expect(view).toMatchObject({
      isRead: false,
      importance: 'High',
      sensitivity: 'Confidential',
      flag: { status: 'Flagged', dueAt: '2026-02-01T12:00:00Z' },
    });
    expect(view?.extendedProperties.map((p) => p.value)).toContain('archived-123');
    await kit.client.api(url(item.id)).patch({ flag: { flagStatus: 'complete' } });
    expect(kit.sim.model.item(item.id)?.flag.status).toBe('Complete');
  });

  // https://learn.microsoft.com/graph/api/message-update (body and subject "Updatable only if isDraft = true")
  it('refuses subject and body changes on a message that is not a draft', async () => {
    const received = kit.sim.model.createItem(inboxId, { subject: 'Received' });
    const refused = await failure(kit.client.api(url(received.id)).patch({ subject: 'Rewritten' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.code).toBe('ErrorInvalidPropertyUpdateSentMessage');
    const body = await failure(
      kit.client.api(url(received.id)).patch({ body: { contentType: 'text', content: 'stub' } }),
    );
    expect(body.code).toBe('ErrorInvalidPropertyUpdateSentMessage');
    const unknown = await failure(kit.client.api(url(received.id)).patch({ sensitivity: 'private' }));
    expect(unknown.statusCode).toBe(400);
    expect(kit.sim.model.item(received.id)?.subject).toBe('Received');
    const draft = kit.sim.model.createItem(kit.sim.model.wellKnownFolder(USER, 'drafts')?.id ?? '', {
      subject: 'Draft',
      isDraft: true,
    });
    await expect(kit.client.api(url(draft.id)).patch({ subject: 'Draft v2' })).resolves.toMatchObject({
      subject: 'Draft v2',
    });
  });

  // https://learn.microsoft.com/graph/api/message-delete (to Deleted Items)
  // https://learn.microsoft.com/graph/api/message-permanentdelete (204, to Recoverable Items\Purges)
  it('deletes to Deleted Items and permanently deletes to the Purges folder', async () => {
    const model = kit.sim.model;
    const soft = model.createItem(inboxId, { subject: 'Delete me' });
    await kit.client.api(url(soft.id)).delete();
    expect(model.itemByImmutableId(soft.immutableId)?.folderId).toBe(
      model.wellKnownFolder(USER, 'deleteditems')?.id,
    );
    const hard = model.createItem(inboxId, { subject: 'Purge me' });
    const response = await kit.fetch(`${kit.graph.baseUrl}v1.0${url(hard.id)}/permanentDelete`, {
      method: 'POST',
      headers: await kit.authorization(),
    });
    expect(response.status).toBe(204);
    expect(model.itemByImmutableId(hard.immutableId)?.folderId).toBe(
      model.wellKnownFolder(USER, 'recoverableitemspurges')?.id,
    );
    expect((await failure(kit.client.api(url(hard.id)).get())).statusCode).toBe(404);
  });
});
