import {
  BatchRequestContent,
  BatchResponseContent,
  GraphError,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00001@example.test';

type BatchBody = {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body?: { error?: { code: string } };
  }[];
};

/** https://learn.microsoft.com/graph/json-batching */
describe('Graph simulator: JSON batching', () => {
  let kit: GraphKit;
  let messageIds: string[];
  beforeAll(async () => {
    kit = await startGraphKit();
    const inbox = kit.sim.model.wellKnownFolder(USER, 'inbox')?.id ?? '';
    messageIds = [...kit.sim.model.items(inbox)].slice(0, 6).map((i) => i.id);
  });
  afterAll(async () => {
    await kit.close();
  });
  const get = (id: string, url: string) => ({ id, method: 'GET', url });

  // https://learn.microsoft.com/graph/json-batching#processing-the-json-batch-response (200 outside, a status per item)
  it('answers 200 with an individual status per request, correlated by id', async () => {
    const batch = new BatchRequestContent([
      { id: '1', request: new Request(`${kit.graph.baseUrl}v1.0/users/${USER}`, { method: 'GET' }) },
      {
        id: '2',
        request: new Request(`${kit.graph.baseUrl}v1.0/users/${USER}/messages/${messageIds[0] ?? ''}`, {
          method: 'GET',
        }),
      },
      {
        id: '3',
        request: new Request(`${kit.graph.baseUrl}v1.0/users/${USER}/messages/not-an-id`, { method: 'GET' }),
      },
      {
        id: '4',
        request: new Request(`${kit.graph.baseUrl}v1.0/users/nobody@example.test`, { method: 'GET' }),
      },
    ]);
    const raw = (await kit.client.api('/$batch').post(await batch.getContent())) as BatchBody;
    const responses = new BatchResponseContent(raw);
    expect(responses.getResponseById('1')?.status).toBe(200);
    expect(responses.getResponseById('2')?.status).toBe(200);
    expect(responses.getResponseById('3')?.status).toBe(400);
    expect(responses.getResponseById('4')?.status).toBe(404);
    const user = (await responses.getResponseById('1')?.json()) as { mail: string };
    expect(user.mail).toBe(USER);
  });

  // https://learn.microsoft.com/graph/json-batching#batch-size-limitations (20 requests)
  it('refuses a batch of more than 20 requests with 400', async () => {
    expect(
      () =>
        new BatchRequestContent(
          Array.from({ length: 21 }, (_, i) => ({
            id: String(i),
            request: new Request(`${kit.graph.baseUrl}v1.0/users/${USER}`),
          })),
        ),
    ).toThrow(/Maximum requests limit exceeded/);
    const twenty = Array.from({ length: 20 }, (_, i) => get(String(i + 1), `/users/${USER}`));
    const ok = (await kit.client.api('/$batch').post({ requests: twenty })) as BatchBody;
    expect(ok.responses).toHaveLength(20);
    expect(ok.responses.every((r) => r.status === 200)).toBe(true);
    const error = (await kit.client
      .api('/$batch')
      .post({ requests: [...twenty, get('21', `/users/${USER}`)] })
      .catch((e: unknown) => e)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/json-batching#creating-a-batch-request (ids must be unique, else 400)
  it('refuses duplicate request ids (ids are not case-sensitive)', async () => {
    const error = (await kit.client
      .api('/$batch')
      .post({ requests: [get('a', `/users/${USER}`), get('A', `/users/${USER}`)] })
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(400);
  });

  // https://learn.microsoft.com/graph/json-batching#sequencing-requests-with-the-dependson-property (424 Failed Dependency)
  it('runs dependsOn chains in order and fails dependents of a failed request with 424', async () => {
    const body = (await kit.client.api('/$batch').post({
      requests: [
        { ...get('3', `/users/${USER}/messages/${messageIds[2] ?? ''}`), dependsOn: ['2'] },
        get('1', `/users/${USER}/messages/not-an-id`),
        { ...get('2', `/users/${USER}/messages/${messageIds[1] ?? ''}`), dependsOn: ['1'] },
      ],
    })) as BatchBody;
    const status = Object.fromEntries(body.responses.map((r) => [r.id, r.status]));
    expect(status).toEqual({ '1': 400, '2': 424, '3': 424 });
  });

  // https://learn.microsoft.com/graph/json-batching#batch-size-limitations (each request is throttled individually: 429)
  // https://learn.microsoft.com/graph/throttling (Retry-After)
  it('throttles items individually; the client does not retry inside a batch', async () => {
    kit.sim.knobs.injectThrottle({ protocol: 'graph', operation: 'message-get' }, 1, 2000);
    const client = kit.newClient({ retry: new RetryHandlerOptions(0, 3) });
    const body = (await client.api('/$batch').post({
      requests: messageIds.slice(0, 3).map((id, i) => get(`m${i}`, `/users/${USER}/messages/${id}`)),
    })) as BatchBody;
    const throttled = body.responses.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.headers['Retry-After']).toBe('2');
    expect(throttled[0]?.body?.error?.code).toBe('ApplicationThrottled');
    expect(body.responses.filter((r) => r.status === 200)).toHaveLength(2);
  });

  // https://learn.microsoft.com/graph/json-batching (batch bodies; PATCH and DELETE inside a batch)
  it('executes writes inside a batch against the same mailbox model', async () => {
    const [a, b] = messageIds.slice(4, 6);
    const body = (await kit.client.api('/$batch').post({
      requests: [
        {
          id: 'read',
          method: 'PATCH',
          url: `/users/${USER}/messages/${a ?? ''}`,
          headers: { 'Content-Type': 'application/json' },
          body: { isRead: false },
        },
        { id: 'bin', method: 'DELETE', url: `/users/${USER}/messages/${b ?? ''}` },
      ],
    })) as BatchBody;
    expect(Object.fromEntries(body.responses.map((r) => [r.id, r.status]))).toEqual({ read: 200, bin: 204 });
    expect(kit.sim.model.item(a ?? '')?.isRead).toBe(false);
    expect(kit.sim.model.item(b ?? '')).toBeUndefined();
  });
});
