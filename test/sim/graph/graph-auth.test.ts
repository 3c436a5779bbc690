import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { credentialFor, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00001@example.test';

describe('Graph simulator: client-credentials tokens and bearer validation', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#successful-response
  it('issues a bearer token for the right secret and Graph accepts it', async () => {
    const token = await credentialFor(kit.graph, kit.ca).getToken('https://graph.microsoft.com/.default');
    expect(token.token).toMatch(/\S{20,}/);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3000_000);
    const user = (await kit.client.api(`/users/${USER}`).get()) as { mail: string };
    expect(user.mail).toBe(USER);
  });

  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#error-response
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS7000215)
  it('refuses a wrong client secret with the documented AADSTS error body', async () => {
    const response = await kit.fetch(`${kit.graph.authorityHost}/${kit.graph.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: kit.graph.clientId,
        client_secret: 'not-the-secret',
        scope: 'https://graph.microsoft.com/.default',
        grant_type: 'client_credentials',
      }).toString(),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body['error']).toBe('invalid_client');
    expect(body['error_description']).toMatch(
      /^AADSTS7000215: Invalid client secret provided\..*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /s,
    );
    expect(body['error_codes']).toEqual([7000215]);
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
    expect(body['timestamp']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS7000215)
  it('makes ClientSecretCredential fail with AADSTS7000215 for a wrong secret', async () => {
    const credential = credentialFor(kit.graph, kit.ca, { secret: 'wrong' });
    await expect(credential.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(
      /AADSTS7000215/,
    );
    const client = kit.newClient({ secret: 'wrong' });
    await expect(client.api(`/users/${USER}`).get()).rejects.toThrow(/AADSTS7000215/);
  });

  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS700016, AADSTS90002)
  it('refuses an unknown client id and an unknown tenant', async () => {
    const unknownApp = credentialFor(kit.graph, kit.ca, { clientId: '00000000-1111-2222-3333-444444444444' });
    await expect(unknownApp.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/AADSTS700016/);
    const discovery = await kit.fetch(
      `${kit.graph.authorityHost}/no-such-tenant/v2.0/.well-known/openid-configuration`,
    );
    expect(discovery.status).toBe(400);
    expect(((await discovery.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });

  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#first-case-access-token-request-with-a-shared-secret
  it('only issues tokens for a /.default scope', async () => {
    const response = await kit.fetch(`${kit.graph.authorityHost}/${kit.graph.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${kit.graph.clientId}&client_secret=${encodeURIComponent(kit.graph.clientSecret)}&scope=Mail.Read&grant_type=client_credentials`,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_scope');
  });

  // https://learn.microsoft.com/graph/resolve-auth-errors#401-unauthorized-error-is-your-token-valid
  // https://learn.microsoft.com/graph/errors (error body shape)
  it('answers 401 InvalidAuthenticationToken without a valid bearer token', async () => {
    const missing = await kit.fetch(`${kit.graph.baseUrl}v1.0/users/${USER}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const body = (await missing.json()) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.message).toBe('Access token is empty.');
    expect(body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.error.innerError['date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const forged = await kit.fetch(`${kit.graph.baseUrl}v1.0/users/${USER}`, {
      headers: { Authorization: 'Bearer simgraph.forged' },
    });
    expect(forged.status).toBe(401);
  });

  // https://learn.microsoft.com/graph/resolve-auth-errors#401-unauthorized-error-is-your-token-valid
  it('rejects tokens once they expire; a new client gets a fresh one', async () => {
    const client = kit.newClient();
    await client.api(`/users/${USER}`).get();
    kit.graph.endpoint.tokens.expireAll();
    const error = (await client
      .api(`/users/${USER}`)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe('InvalidAuthenticationToken');
    await expect(kit.newClient().api(`/users/${USER}`).get()).resolves.toMatchObject({ mail: USER });
  });
});
