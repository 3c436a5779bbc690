import type { GraphResponse } from '../http/graph-response.ts';
import { json } from '../http/graph-response.ts';
import { aadstsResponse, stsErrors } from './aadsts-error.ts';
import type { AppRegistration, TokenStore } from './token-store.ts';

/**
 * The simulated Microsoft identity platform: OpenID discovery and the OAuth 2.0 client-credentials
 * token endpoint, `POST /{tenant}/oauth2/v2.0/token`
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 * @azure/identity's ClientSecretCredential, pointed here with `authorityHost` and
 * `disableInstanceDiscovery: true`, first GETs `/{tenant}/v2.0/.well-known/openid-configuration`, then
 * POSTs the token request. (Without `disableInstanceDiscovery` MSAL asks login.microsoftonline.com.)
 */
export interface TenantSettings {
  tenantId: string;
  /** Other names accepted in the path, e.g. the verified domain. */
  tenantAliases: string[];
  apps: AppRegistration[];
}

/** Resource ids whose `/.default` scope yields a Graph token. */
const GRAPH_RESOURCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'];

export class AuthorityEndpoint {
  constructor(
    private readonly tenant: TenantSettings,
    private readonly tokens: TokenStore,
  ) {}

  private knownTenant(name: string): boolean {
    const lower = name.toLowerCase();
    return (
      lower === this.tenant.tenantId.toLowerCase() ||
      this.tenant.tenantAliases.some((a) => a.toLowerCase() === lower)
    );
  }

  /** Handles authority paths (`/{tenant}/…`); undefined when the path is not one of them. */
  handle(
    method: string,
    segments: string[],
    origin: string,
    body: Buffer,
    headers: Record<string, string>,
  ): GraphResponse | undefined {
    const [tenant, ...rest] = segments;
    if (!tenant) return undefined;
    const path = rest.join('/').toLowerCase();
    if (path === 'v2.0/.well-known/openid-configuration' && method === 'GET') {
      if (!this.knownTenant(tenant)) return aadstsResponse(stsErrors.tenantNotFound(tenant));
      return json(this.discovery(origin, this.tenant.tenantId));
    }
    if (path === 'oauth2/v2.0/token') {
      if (method !== 'POST') return { status: 405, headers: {}, body: Buffer.alloc(0) };
      return this.token(tenant, new URLSearchParams(body.toString('utf8')), headers);
    }
    return undefined;
  }

  private discovery(origin: string, tenantId: string): Record<string, unknown> {
    const base = `${origin}/${tenantId}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${origin}/${tenantId}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
    };
  }

  private token(tenant: string, form: URLSearchParams, headers: Record<string, string>): GraphResponse {
    const correlationId = form.get('client-request-id') ?? undefined;
    const fail = (failure: Parameters<typeof aadstsResponse>[0]): GraphResponse =>
      aadstsResponse(failure, correlationId);
    if (!this.knownTenant(tenant)) return fail(stsErrors.tenantNotFound(tenant));
    const grant = form.get('grant_type') ?? '';
    if (grant !== 'client_credentials') return fail(stsErrors.unsupportedGrant(grant));
    // RFC 6749 §2.3.1: the secret may also come as HTTP Basic credentials.
    const basic = /^Basic\s+(\S+)$/i.exec(headers['authorization'] ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = form.get('client_id') ?? (basicId ? decodeURIComponent(basicId) : '');
    const app = this.tenant.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    if (!app) return fail(stsErrors.unknownClient(clientId, this.tenant.tenantId));
    const secret =
      form.get('client_secret') ?? (basicSecret !== undefined ? decodeURIComponent(basicSecret) : undefined);
    if (secret === undefined) return fail(stsErrors.missingSecret());
    if (secret !== app.clientSecret) return fail(stsErrors.wrongSecret(app.clientId));
    const scope = (form.get('scope') ?? '').trim();
    const resource = scope.endsWith('/.default')
      ? scope.slice(0, -'/.default'.length).toLowerCase()
      : undefined;
    if (!resource || !GRAPH_RESOURCES.includes(resource)) return fail(stsErrors.invalidScope(scope));
    const issued = this.tokens.issue({ appId: app.clientId, tenantId: this.tenant.tenantId });
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store, no-cache' },
      body: {
        token_type: 'Bearer',
        expires_in: issued.expiresIn,
        ext_expires_in: issued.expiresIn,
        access_token: issued.token,
      },
    };
  }
}
