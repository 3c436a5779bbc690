import type { Simulator } from '../simulator.ts';
import type { GraphConnection } from '../graph/start-graph.ts';

/** Environment variables the written site configuration names for its secrets. */
export const SIM_SECRET_ENV = { ews: 'EXSYNC_SIM_EWS_PASSWORD', graph: 'EXSYNC_SIM_GRAPH_SECRET' } as const;

/**
 * A site configuration that points at the simulator. Both protocols resolve targets through the
 * simulator's Microsoft 365 directory (Graph): there is no simulated Active Directory.
 */
export function simSiteConfig(
  site: string,
  protocol: 'ews' | 'graph',
  sim: Simulator,
  graph: GraphConnection,
) {
  return {
    site,
    directory: { type: 'microsoft-365', membershipCacheMinutes: 0 },
    exchange:
      protocol === 'ews'
        ? {
            type: 'ews',
            url: sim.ewsHttpsUrl,
            auth: 'ntlm',
            username: sim.serviceAccount.username,
            passwordEnv: SIM_SECRET_ENV.ews,
            impersonation: true,
            caFile: sim.certificate.certPath,
          }
        : { type: 'graph' },
    microsoftGraph: {
      tenantId: graph.tenantId,
      clientId: graph.clientId,
      clientSecretEnv: SIM_SECRET_ENV.graph,
      authorityHost: graph.authorityHost,
      baseUrl: graph.baseUrl.replace(/\/$/, ''),
      caFile: graph.caPath,
    },
    runtime: { configPollSeconds: 1, heartbeatSeconds: 5 },
  };
}
