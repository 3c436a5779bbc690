import { connectGraph } from '../../../engine/adapters/graph/connect-graph.ts';
import { GraphMailbox } from '../../../engine/adapters/graph-mail/graph-mailbox.ts';
import type { MicrosoftGraphSettings } from '../../../engine/site-config/index.ts';
import { toGraphImmutableId } from '../../sim/graph/ids/graph-ids.ts';
import { mountGraph } from '../../sim/graph/start-graph.ts';
import { startSimulator } from '../../sim/simulator.ts';
import { graphMailboxUser } from '../../sim/user/graph-mailbox-user.ts';
import { CONTRACT_POPULATION, describeMailboxPortContract } from './mailbox-port.contract.ts';
import { graphCalendarWriter } from './support/graph-calendar-writer.ts';

/** Retries as the site configures them (create-site-adapters.ts), so Retry-After is honoured. */
const RETRY = { maxRetries: 5, delaySeconds: 3 };

describeMailboxPortContract('Microsoft Graph (microsoft-graph-client, app-only)', async () => {
  const sim = await startSimulator({ population: CONTRACT_POPULATION });
  const graph = mountGraph(sim);
  const settings: MicrosoftGraphSettings = {
    tenantId: graph.tenantId,
    clientId: graph.clientId,
    clientSecretEnv: 'UNUSED',
    authorityHost: graph.authorityHost,
    baseUrl: graph.baseUrl,
    caFile: graph.caPath,
  };
  return {
    sim,
    protocol: 'graph',
    listingOperation: 'mailfolder-delta',
    itemSyncOperation: 'message-delta',
    calendarDetailOperation: 'event-list-instances',
    calendarWriter: () => graphCalendarWriter(connectGraph(settings, graph.clientSecret, RETRY).client),
    // The adapter asks for immutable ids (Prefer: IdType="ImmutableId").
    itemId: (item) => toGraphImmutableId(item.immutableId),
    // Graph's delta sends new and changed messages (and folders) alike, and a read-state change as a whole message.
    reportsCreations: false,
    reportsReadFlagChanges: false,
    limitHierarchyResponses: (size) => {
      graph.endpoint.settings.maxDeltaPageSize = size ?? 1000;
    },
    user: (mailbox) => graphMailboxUser(graph, mailbox),
    adapter: () => GraphMailbox.over(connectGraph(settings, graph.clientSecret, RETRY)),
    adapterWithWrongSecret: () => GraphMailbox.over(connectGraph(settings, 'not the secret', RETRY)),
    // Retry-After is in whole seconds (rounded up).
    serverWaitMs: (backOffMs) => Math.ceil(backOffMs / 1000) * 1000,
    close: async () => {
      graph.endpoint.close();
      await sim.close();
    },
  };
});
