import type { Client, ClientOptions } from 'ldapts';

/**
 * The part of an ldapts Client the adapter uses. Tests substitute canned results behind it (AD
 * behaviours Samba cannot show), and the benchmark wraps it to count round trips.
 */
export type LdapConnection = Pick<Client, 'bind' | 'startTLS' | 'search' | 'searchPaginated' | 'unbind'>;

export type CreateLdapConnection = (options: ClientOptions) => LdapConnection;

/** One network round trip to the DC: a bind, a StartTLS, a search, or one page of a paged search. */
export type RoundTripListener = (kind: 'bind' | 'startTLS' | 'search' | 'page') => void;

/** Wraps a connection so every request it sends is reported (the count goes into logs and benchmarks). */
export function countRoundTrips(connection: LdapConnection, listener: RoundTripListener): LdapConnection {
  return {
    bind: async (...args: Parameters<Client['bind']>) => {
      listener('bind');
      return connection.bind(...args);
    },
    startTLS: async (...args: Parameters<Client['startTLS']>) => {
      listener('startTLS');
      return connection.startTLS(...args);
    },
    search: async (...args: Parameters<Client['search']>) => {
      listener('search');
      return connection.search(...args);
    },
    searchPaginated: async function* (...args: Parameters<Client['searchPaginated']>) {
      for await (const page of connection.searchPaginated(...args)) {
        listener('page');
        yield page;
      }
    },
    unbind: () => connection.unbind(),
  };
}
