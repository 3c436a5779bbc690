import { readFileSync } from 'node:fs';
import { ClientSecretCredential } from '@azure/identity';
import type { ClientOptions } from '@microsoft/microsoft-graph-client';
import { Client, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { Agent, fetch as undiciFetch } from 'undici';
import type { KnobPatch } from '../../knobs/index.ts';
import type { PopulationOptions } from '../../model/index.ts';
import type { Simulator } from '../../simulator.ts';
import { startSimulator } from '../../simulator.ts';
import type { GraphOptions } from '../graph-endpoint.ts';
import type { GraphConnection, MountedGraph } from '../start-graph.ts';
import { mountGraph } from '../start-graph.ts';

/**
 * Starts the simulator with Graph mounted, and builds clients the way the engine will: the official
 * @microsoft/microsoft-graph-client with a TokenCredentialAuthenticationProvider over @azure/identity's
 * ClientSecretCredential. Trust in the self-signed certificate is per client, never process-wide:
 * @azure/identity takes `tlsOptions.ca` (its HTTP pipeline uses node:https), the Graph client takes an
 * undici@6 `dispatcher` in `fetchOptions` (it uses the global fetch).
 */
export interface GraphKit {
  sim: Simulator;
  graph: MountedGraph;
  ca: Buffer;
  /** undici dispatcher that trusts the simulator's certificate (also for raw `fetch` calls). */
  dispatcher: Agent;
  client: Client;
  newClient: (options?: ClientKitOptions) => Client;
  /** Raw HTTPS request with the dispatcher, for what the Graph client hides (headers, bodies of 4xx). */
  fetch: typeof undiciFetch;
  /** `Authorization` header with a token from the simulated authority (for raw `fetch` calls). */
  authorization: () => Promise<Record<string, string>>;
  close: () => Promise<void>;
}

export interface ClientKitOptions {
  secret?: string;
  clientId?: string;
  /** Retry policy of the client's RetryHandler. @default no retries (tests stay fast and see every 429) */
  retry?: RetryHandlerOptions;
}

export function credentialFor(
  connection: GraphConnection,
  ca: Buffer,
  options: ClientKitOptions = {},
): ClientSecretCredential {
  return new ClientSecretCredential(
    connection.tenantId,
    options.clientId ?? connection.clientId,
    options.secret ?? connection.clientSecret,
    {
      authorityHost: connection.authorityHost,
      // MSAL would otherwise ask login.microsoftonline.com to validate the authority.
      disableInstanceDiscovery: true,
      tlsOptions: { ca },
    },
  );
}

export function clientFor(
  connection: GraphConnection,
  ca: Buffer,
  dispatcher: Agent,
  options: ClientKitOptions = {},
): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(credentialFor(connection, ca, options), {
    scopes: ['https://graph.microsoft.com/.default'],
  });
  const clientOptions: ClientOptions = {
    authProvider,
    baseUrl: connection.baseUrl,
    customHosts: new Set([connection.graphHost]),
    // Passed through to fetch (undici): trusts the simulator's certificate for this client only.
    fetchOptions: { dispatcher },
  };
  const client = Client.initWithMiddleware(clientOptions);
  const retry = options.retry ?? new RetryHandlerOptions(0, 0);
  return wrapWithRetryDefaults(client, retry);
}

/** Every request of this client carries the given RetryHandlerOptions unless it sets its own. */
function wrapWithRetryDefaults(client: Client, retry: RetryHandlerOptions): Client {
  const api = client.api.bind(client);
  client.api = (path) => api(path).middlewareOptions([retry]);
  return client;
}

export async function startGraphKit(
  options: { population?: Partial<PopulationOptions>; knobs?: KnobPatch; graph?: GraphOptions } = {},
): Promise<GraphKit> {
  const sim = await startSimulator({
    population: { mailboxes: 3, itemsPerFolder: 25, ...options.population },
    ...(options.knobs ? { knobs: options.knobs } : {}),
  });
  const graph = mountGraph(sim, options.graph);
  const ca = readFileSync(graph.caPath);
  const dispatcher = new Agent({ connect: { ca } });
  const newClient = (clientOptions: ClientKitOptions = {}) => clientFor(graph, ca, dispatcher, clientOptions);
  const fetch: typeof undiciFetch = (input, init) => undiciFetch(input, { dispatcher, ...init });
  return {
    sim,
    graph,
    ca,
    dispatcher,
    client: newClient(),
    newClient,
    fetch,
    authorization: async () => {
      const token = await credentialFor(graph, ca).getToken('https://graph.microsoft.com/.default');
      return { Authorization: `Bearer ${token.token}` };
    },
    close: async () => {
      graph.endpoint.close();
      await sim.close();
      await dispatcher.close();
    },
  };
}

/** Follows `@odata.nextLink` to the end of a round; returns every entry and the final deltaLink. */
export async function readRound(
  client: Client,
  first: string,
  headers: Record<string, string> = {},
): Promise<{ value: Record<string, unknown>[]; deltaLink: string; pages: number }> {
  const value: Record<string, unknown>[] = [];
  let url: string | undefined = first;
  let pages = 0;
  for (;;) {
    const request = client.api(url);
    for (const [name, headerValue] of Object.entries(headers)) request.header(name, headerValue);
    const page = (await request.get()) as {
      value: Record<string, unknown>[];
      '@odata.nextLink'?: string;
      '@odata.deltaLink'?: string;
    };
    pages++;
    value.push(...page.value);
    if (page['@odata.deltaLink']) return { value, deltaLink: page['@odata.deltaLink'], pages };
    url = page['@odata.nextLink'];
    if (!url) throw new Error('a delta page had neither nextLink nor deltaLink');
  }
}
