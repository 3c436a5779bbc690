import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knobs } from '../knobs/index.ts';
import type { MailboxModel } from '../model/index.ts';
import type { SimulatorRoute, SimulatorServices } from '../simulator-route.ts';
import { authenticate } from './auth/bearer-check.ts';
import { AuthorityEndpoint } from './auth/token-endpoint.ts';
import type { AppRegistration } from './auth/token-store.ts';
import { TokenStore } from './auth/token-store.ts';
import { handleBatch } from './batch/batch-handler.ts';
import type { GraphServices, GraphSettings } from './graph-services.ts';
import { DEFAULT_GRAPH_SETTINGS } from './graph-services.ts';
import type { GraphRequest } from './http/graph-request.ts';
import { lowerCaseHeaders, readBody, splitPath } from './http/graph-request.ts';
import { errorResponse, GraphHttpError, newRequestIds } from './http/graph-response.ts';
import { writeFault, writeResponse } from './http/write-response.ts';
import { ImmutableIdIndex } from './ids/immutable-index.ts';
import { ServerStateCache } from './odata/server-state-cache.ts';
import { TokenSealer } from './odata/state-token.ts';
import { GraphDispatcher } from './routing/dispatch.ts';
import { graphRouter } from './routing/graph-routes.ts';

/** The tenant and app registrations the simulated Entra ID knows. */
export interface GraphOptions {
  /** @default '8f3c1e2a-5b7d-4c9e-a1f0-3d2b6e4c8a90' */
  tenantId?: string;
  /** Other tenant names accepted in authority paths. @default [the population's domain] */
  tenantAliases?: string[];
  /** @default one app: GRAPH_CLIENT_ID / GRAPH_CLIENT_SECRET */
  apps?: AppRegistration[];
  /** Access token lifetime in seconds. @default 3599 */
  tokenLifetimeSeconds?: number;
  settings?: Partial<GraphSettings>;
  /** Key for delta and skip tokens; the same key keeps tokens valid across endpoint restarts. */
  tokenKey?: Buffer;
}

export const DEFAULT_TENANT_ID = '8f3c1e2a-5b7d-4c9e-a1f0-3d2b6e4c8a90';
export const GRAPH_CLIENT_ID = '5d1b7f2e-93a4-4c6b-8e0f-2a7c9d3e1b64';
export const GRAPH_CLIENT_SECRET = 'sim~graph~secret~0123456789abcdef';

const VERSIONS = new Set(['v1.0', 'beta']);

/**
 * The Microsoft Graph endpoint of the simulated Exchange, plus the Entra ID authority that issues its
 * tokens, on one HTTPS origin: `/v1.0/…` and `/beta/…` are Graph, `/{tenant}/…` is the authority.
 */
export class GraphEndpoint {
  readonly tenantId: string;
  readonly apps: AppRegistration[];
  readonly tokens: TokenStore;
  readonly settings: GraphSettings;
  readonly services: GraphServices;
  readonly knobs: Knobs;
  private readonly authority: AuthorityEndpoint;
  private readonly dispatcher: GraphDispatcher;
  private readonly hanging = new Set<ServerResponse>();
  private readonly reportInternalError: (error: unknown) => void;

  constructor(services: SimulatorServices, options: GraphOptions = {}) {
    const model: MailboxModel = services.model;
    this.knobs = services.knobs;
    this.reportInternalError = services.reportInternalError;
    this.tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
    this.apps = options.apps ?? [
      { clientId: GRAPH_CLIENT_ID, clientSecret: GRAPH_CLIENT_SECRET, name: 'exsync' },
    ];
    this.tokens = new TokenStore(options.tokenLifetimeSeconds);
    this.settings = { ...DEFAULT_GRAPH_SETTINGS, ...options.settings };
    this.authority = new AuthorityEndpoint(
      {
        tenantId: this.tenantId,
        tenantAliases: options.tenantAliases ?? [model.population.domain],
        apps: this.apps,
      },
      this.tokens,
    );
    this.services = {
      model,
      sealer: new TokenSealer(options.tokenKey),
      immutableIds: new ImmutableIdIndex(model),
      cursors: new ServerStateCache(),
      settings: this.settings,
      clock: Date.now,
      counters: services.knobs.counters,
    };
    this.dispatcher = new GraphDispatcher(
      model,
      services.knobs,
      graphRouter(this.services),
      services.reportInternalError,
    );
  }

  /** A route for the simulator's HTTPS server. */
  route(): SimulatorRoute {
    return {
      name: 'graph',
      matches: (url) => this.matches(url),
      handle: (req, res) => this.handle(req, res),
    };
  }

  matches(url: URL): boolean {
    const segments = splitPath(url.pathname) ?? [];
    if (VERSIONS.has(segments[0] ?? '')) return true;
    const rest = segments.slice(1).join('/').toLowerCase();
    return rest === 'oauth2/v2.0/token' || rest === 'v2.0/.well-known/openid-configuration';
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = lowerCaseHeaders(req.headers);
    const ids = newRequestIds(headers['client-request-id']);
    try {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const origin = `https://${headers['host'] ?? 'localhost'}`;
      const segments = splitPath(url.pathname);
      const body = await readBody(req);
      if (!segments) throw new GraphHttpError(400, 'BadRequest', 'The request URL is not valid.');
      const [version = '', ...rest] = segments;
      if (!VERSIONS.has(version)) {
        const answer = this.authority.handle(req.method ?? 'GET', segments, origin, body, headers);
        writeResponse(res, answer ?? { status: 404, headers: {} }, ids);
        return;
      }
      const request: GraphRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        version,
        segments: rest,
        query: url.searchParams,
        headers,
        body,
        origin,
        ids,
        app: authenticate(this.tokens, headers['authorization']),
        inBatch: false,
      };
      await this.serve(request, req, res);
    } catch (error) {
      const graphError = error instanceof GraphHttpError ? error : undefined;
      if (!graphError) this.reportInternalError(error);
      const reported = graphError ?? new GraphHttpError(500, 'generalException', String(error));
      writeResponse(res, errorResponse(reported, ids), ids);
    }
  }

  private async serve(request: GraphRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (request.segments.length === 1 && request.segments[0] === '$batch') {
      if (request.method !== 'POST')
        throw new GraphHttpError(
          405,
          'Request_BadRequest',
          'Specified HTTP method is not allowed for the request target.',
        );
      writeResponse(res, await handleBatch(request, this.dispatcher), request.ids);
      return;
    }
    const result = await this.dispatcher.dispatch(request);
    if (result.kind === 'response') {
      writeResponse(res, result.response, request.ids);
      return;
    }
    if (result.fault === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
    }
    const backOff = Math.ceil((this.knobs.limitsFor('graph')?.backOffMs ?? 1000) / 1000);
    writeFault(result.fault, req, res, request.ids, backOff);
  }

  close(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.services.immutableIds.close();
  }
}
