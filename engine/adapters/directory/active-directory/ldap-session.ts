import { Client, NoSuchObjectError, ResultCodeError, type Entry } from 'ldapts';
import type { Logger } from '../../../logging/logger.ts';
import { throwIfCancelled, untilCancelled } from '../cancellation.ts';
import { DirectoryConfigError } from '../directory-errors.ts';
import { countRoundTrips, type CreateLdapConnection, type LdapConnection } from './ldap-connection.ts';
import { toDirectoryError, type LdapErrorContext } from './ldap-errors.ts';
import type { LdapTransport } from './ldap-tls.ts';

export interface LdapSessionSettings {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
  readonly passwordEnv: string;
  readonly transport: LdapTransport;
  /** Entries per page of a paged search; AD's MaxPageSize is 1000, so stay below it. */
  readonly pageSize: number;
  readonly connectTimeoutMs: number;
  /** Per request; a page of a big search counts as one request. */
  readonly timeoutMs: number;
  readonly createConnection?: CreateLdapConnection;
}

export interface SearchRequest {
  readonly filter: string;
  readonly attributes: readonly string[];
  /** Binary attributes (objectGUID) come back as Buffers. */
  readonly binary?: readonly string[];
}

/**
 * One bound connection to the DC for one operation (a resolution, a lookup, a catalog read). Every
 * failure leaves as a typed DirectoryError; every request is counted. Always closed by `withLdapSession`,
 * since an ldapts client left open keeps the process alive.
 */
export class LdapSession {
  private constructor(
    private readonly connection: LdapConnection,
    private readonly settings: LdapSessionSettings,
    private readonly counter: { trips: number },
    /** What the session is for ("resolving CN=..."), for the cancel message. */
    private readonly what: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Requests sent so far (bind, StartTLS, searches, pages), for the log. */
  get roundTrips(): number {
    return this.counter.trips;
  }

  /**
   * `signal` aborts every request of the session: the one in flight fails at once with
   * DirectoryCancelledError and the connection is closed, which makes the DC abandon the operation.
   */
  static async open(settings: LdapSessionSettings, what: string, signal?: AbortSignal): Promise<LdapSession> {
    throwIfCancelled(signal, what);
    const { transport } = settings;
    const create = settings.createConnection ?? ((options) => new Client(options));
    const counter = { trips: 0 };
    const raw = create({
      url: settings.url,
      connectTimeout: settings.connectTimeoutMs,
      timeout: settings.timeoutMs,
      // ldapts would run implicit TLS on an ldap:// URL given tlsOptions; only ldaps:// gets them.
      ...(transport.security === 'ldaps' ? { tlsOptions: { ...transport.tls } } : {}),
    });
    const connection = countRoundTrips(raw, () => counter.trips++);
    const session = new LdapSession(connection, settings, counter, what, signal);
    try {
      // startTLS mutates its options (it adds the socket), so each connection gets a fresh copy.
      if (transport.security === 'starttls')
        await session.run('starting TLS', () => connection.startTLS({ ...transport.tls }));
      await session.run(`binding as ${settings.bindDn}`, () =>
        connection.bind(settings.bindDn, settings.password),
      );
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  /** Throws DirectoryCancelledError once the session's signal is aborted: checked between steps of a walk. */
  checkCancelled(): void {
    throwIfCancelled(this.signal, this.what);
  }

  /** The entry at `dn`, or undefined when there is no such object (or it lies outside this directory). */
  async read(
    dn: string,
    attributes: readonly string[],
    binary: readonly string[] = [],
  ): Promise<Entry | undefined> {
    const request = async () => {
      try {
        const { searchEntries } = await this.connection.search(dn, {
          scope: 'base',
          filter: '(objectClass=*)',
          attributes: [...attributes],
          explicitBufferAttributes: [...binary],
        });
        return searchEntries[0];
      } catch (error) {
        // 32 noSuchObject; 10 referral: a DN in another naming context, which this DC does not hold.
        if (error instanceof NoSuchObjectError || (error instanceof ResultCodeError && error.code === 10))
          return undefined;
        throw error;
      }
    };
    return this.run(`reading ${dn}`, request, dn);
  }

  /**
   * Every entry matching the filter under `base`, through the paged results control. Unpaged, AD stops
   * at MaxPageSize (1000) with sizeLimitExceeded; paged, it returns everything a page at a time.
   */
  async searchAll(base: string, request: SearchRequest, what: string): Promise<Entry[]> {
    const entries: Entry[] = [];
    await this.runUnder(base, what, async () => {
      const pages = this.connection.searchPaginated(base, {
        scope: 'sub',
        filter: request.filter,
        attributes: [...request.attributes],
        explicitBufferAttributes: [...(request.binary ?? [])],
        paged: { pageSize: this.settings.pageSize },
      });
      for await (const page of pages) {
        entries.push(...page.searchEntries);
        this.checkCancelled();
      }
    });
    return entries;
  }

  /**
   * At most about `sizeLimit` entries, unpaged, for lookups that rank and cut anyway. AD honours the limit
   * (ldapts accepts its sizeLimitExceeded answer when a limit was asked for); Samba ignores it.
   */
  async searchSome(base: string, request: SearchRequest, sizeLimit: number, what: string): Promise<Entry[]> {
    const { searchEntries } = await this.runUnder(base, what, () =>
      this.connection.search(base, {
        scope: 'sub',
        filter: request.filter,
        attributes: [...request.attributes],
        explicitBufferAttributes: [...(request.binary ?? [])],
        sizeLimit,
      }),
    );
    return searchEntries;
  }

  async close(): Promise<void> {
    await this.connection.unbind().catch(() => undefined);
  }

  /** A subtree search whose base is missing means directory.baseDn is wrong, not that nothing matched. */
  private async runUnder<T>(base: string, operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await this.cancellable(request);
    } catch (error) {
      if (error instanceof NoSuchObjectError)
        throw new DirectoryConfigError(
          `directory.baseDn ${base} does not exist on ${this.settings.url}: set it to the DN of the domain or OU to search`,
          { cause: error },
        );
      throw this.typed(error, operation);
    }
  }

  private async run<T>(operation: string, request: () => Promise<T>, dn?: string): Promise<T> {
    try {
      return await this.cancellable(request);
    } catch (error) {
      throw this.typed(error, operation, dn);
    }
  }

  private cancellable<T>(request: () => Promise<T>): Promise<T> {
    return untilCancelled(this.signal, this.what, request, () => void this.close());
  }

  private typed(error: unknown, operation: string, dn?: string): unknown {
    const ctx: LdapErrorContext = {
      url: this.settings.url,
      bindDn: this.settings.bindDn,
      passwordEnv: this.settings.passwordEnv,
      operation,
      ...(dn ? { dn } : {}),
    };
    return toDirectoryError(error, ctx);
  }
}

/** Opens a session, runs `use`, and always unbinds; `signal` cancels it (see LdapSession.open). */
export async function withLdapSession<T>(
  settings: LdapSessionSettings,
  logger: Logger,
  what: string,
  use: (session: LdapSession) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const started = performance.now();
  const session = await LdapSession.open(settings, what, signal);
  try {
    return await use(session);
  } finally {
    await session.close();
    logger.debug(
      { roundTrips: session.roundTrips, ms: Math.round(performance.now() - started) },
      `LDAP ${what}`,
    );
  }
}
