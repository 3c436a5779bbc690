import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mountGraph } from '../graph/start-graph.ts';
import { startSimulator, type Simulator } from '../simulator.ts';
import { describeMailboxNaming } from './mailbox-naming.ts';
import { SIM_SECRET_ENV, simSiteConfig } from './sim-site-config.ts';

export interface RunSimOptions {
  port?: number;
  httpsPort?: number;
  mailboxes: number;
  folders?: number;
  items?: number;
  seed: string;
  latencyMs?: number;
  siteConfig?: string;
  protocol: 'ews' | 'graph';
  site: string;
}

/** Starts the simulator for `exsync sim` and describes it in one JSON-serialisable object. */
export async function runSim(
  o: RunSimOptions,
): Promise<{ sim: Simulator; description: Record<string, unknown> }> {
  const sim = await startSimulator({
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.httpsPort !== undefined ? { httpsPort: o.httpsPort } : {}),
    population: {
      mailboxes: o.mailboxes,
      seed: o.seed,
      ...(o.folders !== undefined ? { foldersPerMailbox: o.folders } : {}),
      ...(o.items !== undefined ? { itemsPerFolder: o.items } : {}),
    },
    ...(o.latencyMs ? { knobs: { latency: { minMs: o.latencyMs, maxMs: o.latencyMs } } } : {}),
  });
  const graph = mountGraph(sim);
  let siteConfig: string | undefined;
  if (o.siteConfig) {
    siteConfig = path.resolve(o.siteConfig);
    writeFileSync(siteConfig, `${JSON.stringify(simSiteConfig(o.site, o.protocol, sim, graph), null, 2)}\n`);
  }
  const naming = describeMailboxNaming(sim.model);
  return {
    sim,
    description: {
      ewsUrl: sim.ewsUrl,
      ewsHttpsUrl: sim.ewsHttpsUrl,
      // GET: the request counters per operation and mailbox (EWS and Graph), throttled and faults; DELETE resets.
      statsUrl: sim.statsUrl,
      serviceAccount: { username: sim.serviceAccount.username, password: sim.serviceAccount.password },
      graph: {
        baseUrl: graph.baseUrl,
        tokenUrl: `${graph.authorityHost}/${graph.tenantId}/oauth2/v2.0/token`,
        authorityHost: graph.authorityHost,
        tenantId: graph.tenantId,
        clientId: graph.clientId,
        clientSecret: graph.clientSecret,
      },
      caCertPath: sim.certificate.certPath,
      // `mailboxes` is a sample (scripts take their targets from it); count and pattern name them all.
      mailboxes: naming.sample,
      mailboxCount: naming.count,
      mailboxPattern: naming.pattern,
      otherMailboxes: naming.others,
      ...(siteConfig
        ? {
            siteConfig,
            protocol: o.protocol,
            env: {
              [SIM_SECRET_ENV.ews]: sim.serviceAccount.password,
              [SIM_SECRET_ENV.graph]: graph.clientSecret,
            },
          }
        : {}),
    },
  };
}
