import { createDirectory } from '../adapters/directory/index.ts';
import { connectGraph } from '../adapters/graph/connect-graph.ts';
import { EwsConnection } from '../adapters/ews/ews-connection.ts';
import { EwsMailbox } from '../adapters/ews/ews-mailbox.ts';
import { GraphMailbox } from '../adapters/graph-mail/graph-mailbox.ts';
import type { MailboxPort } from '../ports/mailbox.ts';
import type { LoadedSiteConfig } from '../site-config/index.ts';
import type { SiteAdapters, SiteAdaptersContext } from './site-adapters.ts';

/** Graph's documented default: retry a throttled request a few times, honouring Retry-After. */
const GRAPH_RETRY = { maxRetries: 5, delaySeconds: 3 };

/** The production adapters: the configured directory (AD or Microsoft 365) and Exchange (EWS or Graph). */
export function createSiteAdapters(
  loaded: LoadedSiteConfig,
  context: Partial<SiteAdaptersContext> = {},
): Promise<SiteAdapters> {
  // With the store, the membership cache is shared by all of the site's runs (each run is a new worker);
  // without it (site check) the cache lives in this process.
  const directory = createDirectory(loaded, context.logger, context.store ? { store: context.store } : {});
  const exchange = createExchange(loaded);
  return Promise.resolve({
    directory,
    exchange,
    close: async () => {
      await Promise.all([directory.close(), exchange.close()]);
    },
  });
}

function createExchange({ config, secrets }: LoadedSiteConfig): MailboxPort {
  if (config.exchange.type === 'ews')
    return new EwsMailbox(new EwsConnection(config.exchange, secrets[config.exchange.passwordEnv] ?? ''));
  const graph = config.microsoftGraph;
  if (!graph) throw new Error('microsoftGraph: is required when exchange.type is graph');
  const connection = connectGraph(graph, secrets[graph.clientSecretEnv] ?? '', GRAPH_RETRY);
  return GraphMailbox.over(connection);
}
