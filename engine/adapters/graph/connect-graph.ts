import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { AzureAuthorityHosts, ClientSecretCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  RedirectHandler,
  RedirectHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { Agent } from 'undici';
import type { MicrosoftGraphSettings } from '../../site-config/index.ts';
import { AbortableRetryHandler, type GraphRetry } from './abortable-retry-handler.ts';
import { GraphConfigError } from './graph-config-error.ts';

export type { GraphRetry } from './abortable-retry-handler.ts';

export interface GraphConnection {
  readonly client: Client;
  /** The settings the client was built from (for messages that name the hosts). */
  readonly settings: MicrosoftGraphSettings;
  /**
   * Why `url` cannot be reached with this connection's TLS trust ("CODE: message"), or undefined when it
   * answers. Used after a failed sign-in, whose error (MSAL's) no longer says whether TLS or the network failed.
   */
  probe(url: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Graph's national cloud hosts, each its own token resource; any other base URL (a proxy, the simulator) fronts the global one. */
const GRAPH_RESOURCES = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
]);

/** The public clouds' sign-in hosts need no instance discovery; any other host (a simulator, a private cloud) skips it. */
const KNOWN_AUTHORITIES = new Set<string>(Object.values(AzureAuthorityHosts).map((h) => new URL(h).host));

/**
 * A Graph client (app-only, client secret) for the site's tenant. An extra CA (microsoftGraph.caFile: a
 * TLS-inspecting proxy, the simulator) is trusted by this client only, next to the public CAs: an undici
 * Agent for Graph requests and tlsOptions for the token requests, rather than NODE_EXTRA_CA_CERTS, which
 * is read once at process start and would widen trust for every connection of the process.
 */
export function connectGraph(
  settings: MicrosoftGraphSettings,
  clientSecret: string,
  retry: GraphRetry,
): GraphConnection {
  const ca = settings.caFile ? [...rootCertificates, readCa(settings.caFile)] : undefined;
  const authority = new URL(settings.authorityHost);
  const credential = new ClientSecretCredential(settings.tenantId, settings.clientId, clientSecret, {
    authorityHost: settings.authorityHost,
    disableInstanceDiscovery: !KNOWN_AUTHORITIES.has(authority.host),
    ...(ca ? { tlsOptions: { ca } } : {}),
  });
  const graph = new URL(settings.baseUrl);
  const resource = GRAPH_RESOURCES.has(graph.hostname) ? graph.hostname : 'graph.microsoft.com';
  const authProvider = new TokenCredentialAuthenticationProvider(credential, {
    scopes: [`https://${resource}/.default`],
  });
  const dispatcher = ca ? new Agent({ connect: { ca } }) : undefined;
  const client = Client.initWithMiddleware({
    baseUrl: `${graph.origin}/`,
    defaultVersion: 'v1.0',
    // The client sends the token only to Graph's own hosts and these (bare host names).
    customHosts: new Set([graph.hostname]),
    middleware: [
      new AuthenticationHandler(authProvider),
      new AbortableRetryHandler(retry),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      new FetchHandler(dispatcher),
    ],
  });
  return {
    client,
    settings,
    probe: async (url) => {
      try {
        const response = await fetch(url, {
          method: 'HEAD',
          signal: AbortSignal.timeout(10_000),
          ...(dispatcher ? { dispatcher } : {}),
        });
        await response.body?.cancel();
        return undefined;
      } catch (error) {
        return networkReason(error);
      }
    },
    close: async () => dispatcher?.close(),
  };
}

/** "ECONNREFUSED: connect ECONNREFUSED ..." from fetch's "fetch failed" and its cause. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
  return cause ? `${cause.code ?? cause.name}: ${cause.message}` : (error as Error).message;
}

/**
 * The last link of the chain: fetch through our dispatcher, keeping the network cause (the Graph
 * client's own handler reports every failure as "fetch failed", losing ECONNREFUSED or the TLS reason).
 */
class FetchHandler implements Middleware {
  constructor(private readonly dispatcher: Agent | undefined) {}

  async execute(context: Context): Promise<void> {
    const init = { ...context.options, ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}) };
    try {
      context.response = await fetch(context.request as string | Request, init);
    } catch (error) {
      // A cancel is not a network failure: let the caller see its own abort.
      if (init.signal?.aborted) throw error;
      const network = new Error(networkReason(error));
      network.name = 'GraphNetworkError';
      throw network;
    }
  }
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new GraphConfigError(
      `microsoftGraph.caFile: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error },
    );
  }
}
