import type { RouteFactory, Simulator } from '../simulator.ts';
import type { GraphOptions } from './graph-endpoint.ts';
import { GraphEndpoint } from './graph-endpoint.ts';

/**
 * Mounting the Graph endpoint on the simulator's HTTPS server, and what a Graph client needs to reach
 * it. The client libraries only talk to `https://` URLs and attach the token only to Graph hosts or
 * `customHosts` (test-infrastructure.md §D), so tests pass `customHosts: new Set([graphHost])` and trust
 * the simulator's certificate (`caPath`).
 */
export interface GraphConnection {
  /** `https://127.0.0.1:PORT/` — the Graph client's `baseUrl` (the client appends `v1.0`). */
  baseUrl: string;
  /** `127.0.0.1` — for the Graph client's `customHosts`. */
  graphHost: string;
  /** `https://127.0.0.1:PORT` — `authorityHost` of @azure/identity credentials. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The simulator's self-signed certificate (PEM), to trust in the client. */
  caPath: string;
}

export interface MountedGraph extends GraphConnection {
  endpoint: GraphEndpoint;
}

/** A route factory for `startSimulator({ routes: [factory] })`; `endpoint()` is set once the simulator built it. */
export function createGraphRoute(options: GraphOptions = {}): {
  factory: RouteFactory;
  endpoint: () => GraphEndpoint;
} {
  let endpoint: GraphEndpoint | undefined;
  return {
    factory: (services) => {
      endpoint = new GraphEndpoint(services, options);
      return endpoint.route();
    },
    endpoint: () => {
      if (!endpoint) throw new Error('the Graph route has not been mounted yet');
      return endpoint;
    },
  };
}

export function graphConnection(endpoint: GraphEndpoint, httpsUrl: string, caPath: string): GraphConnection {
  const url = new URL(httpsUrl);
  const app = endpoint.apps[0];
  if (!app) throw new Error('the Graph endpoint has no app registration');
  return {
    baseUrl: `${url.origin}/`,
    graphHost: url.hostname,
    authorityHost: url.origin,
    tenantId: endpoint.tenantId,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    caPath,
  };
}

/** Mounts Graph on a running simulator (`sim.mountHttps`) and returns how to reach it. */
export function mountGraph(sim: Simulator, options: GraphOptions = {}): MountedGraph {
  const route = createGraphRoute(options);
  sim.mountHttps(route.factory);
  const endpoint = route.endpoint();
  return { ...graphConnection(endpoint, sim.httpsUrl, sim.certificate.certPath), endpoint };
}
