import { Client, type ClientOptions } from 'ldapts';
import type { CreateLdapConnection, LdapConnection } from '../../../../engine/adapters/directory/index.ts';

export interface RecordedSearch {
  base: string;
  attributes: string[];
  filter: string;
  /** Attribute names of the entries that came back (first entry only for base reads). */
  answered: string[];
}

/**
 * A real ldapts client that records each search the adapter sends and what the DC answered, so tests can
 * show which LDAP path a resolution took (ranged requests, paging), not just its result.
 */
export function recordingConnections(): {
  create: CreateLdapConnection;
  searches: RecordedSearch[];
  pages: number;
} {
  const log = { searches: [] as RecordedSearch[], pages: 0 };
  const create = (options: ClientOptions): LdapConnection => {
    const client = new Client(options);
    return {
      bind: (...args: Parameters<Client['bind']>) => client.bind(...args),
      startTLS: (...args: Parameters<Client['startTLS']>) => client.startTLS(...args),
      unbind: () => client.unbind(),
      search: async (...args: Parameters<Client['search']>) => {
        const result = await client.search(...args);
        const [base, opts] = args;
        log.searches.push({
          base: String(base),
          attributes: opts?.attributes ?? [],
          filter: String(opts?.filter ?? ''),
          answered: Object.keys(result.searchEntries[0] ?? {}).filter((k) => k !== 'dn'),
        });
        return result;
      },
      searchPaginated: async function* (...args: Parameters<Client['searchPaginated']>) {
        for await (const page of client.searchPaginated(...args)) {
          log.pages++;
          yield page;
        }
      },
    };
  };
  return {
    create,
    get searches() {
      return log.searches;
    },
    get pages() {
      return log.pages;
    },
  };
}
