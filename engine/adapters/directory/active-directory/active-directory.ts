import { describeTarget, type Target } from '../../../domain/target.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { Clock } from '../../../ports/clock.ts';
import type {
  DirectoryGroup,
  DirectoryPort,
  GroupCatalogSource,
  Resolution,
  ResolveOptions,
} from '../../../ports/directory.ts';
import type { ActiveDirectorySettings } from '../../../site-config/index.ts';
import { UnsupportedTargetError } from '../directory-errors.ts';
import { lookupLimit, lookupQuery } from '../group-ranking.ts';
import { ResolutionBuilder } from '../resolution-builder.ts';
import { resolveAddresses } from './ad-address-lookup.ts';
import { adDn } from './ad-dn.ts';
import { findGroups, listGroups, readGroup } from './ad-groups.ts';
import { expandInChain } from './in-chain-expansion.ts';
import type { CreateLdapConnection } from './ldap-connection.ts';
import { withLdapSession, type LdapSession, type LdapSessionSettings } from './ldap-session.ts';
import { ldapTransport } from './ldap-tls.ts';
import { expandRecursively } from './recursive-expansion.ts';

/** Knobs with production defaults; tests and the benchmark change them. */
export interface ActiveDirectoryTuning {
  /** Paged-search page size; below AD's MaxPageSize (1000). */
  readonly pageSize?: number;
  /** `member` values per ranged request; Microsoft advises at most 1000 for compatibility. */
  readonly rangeWindow?: number;
  /** Member DNs read per search in the recursive walk. */
  readonly dnBatchSize?: number;
  readonly connectTimeoutMs?: number;
  readonly timeoutMs?: number;
  /** Overrides the expansion strategy of the configuration. */
  readonly expansion?: ActiveDirectorySettings['expansion'];
  readonly createConnection?: CreateLdapConnection;
}

/**
 * The Active Directory adapter (ldapts): resolves targets against the site's DC and looks up groups.
 * Each operation opens its own bound connection and closes it, so concurrent runs share nothing and an
 * idle DC connection can never go stale between scheduled runs.
 */
export class ActiveDirectory implements DirectoryPort, GroupCatalogSource {
  private readonly session: LdapSessionSettings;
  private readonly expansion: ActiveDirectorySettings['expansion'];
  private readonly rangeWindow: number;
  private readonly dnBatchSize: number;

  constructor(
    private readonly settings: ActiveDirectorySettings,
    password: string,
    private readonly logger: Logger,
    private readonly clock: Clock,
    tuning: ActiveDirectoryTuning = {},
  ) {
    const transport = ldapTransport(settings);
    if (transport.security === 'plain')
      logger.warn(
        { url: settings.url },
        'directory: plain LDAP (allowPlainLdap): the bind password crosses the network unencrypted',
      );
    if (settings.tls.insecureSkipVerify && transport.security !== 'plain')
      logger.warn(
        { url: settings.url },
        'directory: TLS certificate verification is off (tls.insecureSkipVerify)',
      );
    this.session = {
      url: settings.url,
      bindDn: settings.bindDn,
      password,
      passwordEnv: settings.bindPasswordEnv,
      transport,
      pageSize: tuning.pageSize ?? 500,
      connectTimeoutMs: tuning.connectTimeoutMs ?? 10_000,
      timeoutMs: tuning.timeoutMs ?? 120_000,
      ...(tuning.createConnection ? { createConnection: tuning.createConnection } : {}),
    };
    this.expansion = tuning.expansion ?? settings.expansion;
    this.rangeWindow = tuning.rangeWindow ?? 1000;
    this.dnBatchSize = tuning.dnBatchSize ?? 200;
  }

  /** `options.signal` cancels the resolution between and during requests (the connection is closed). */
  async resolve(target: Target, options: ResolveOptions = {}): Promise<Resolution> {
    const builder = new ResolutionBuilder(describeTarget(target), this.clock);
    const { signal } = options;
    switch (target.kind) {
      case 'ad-group': {
        const dn = adDn(target.dn);
        await this.use(
          `resolving ${describeTarget(target)}`,
          async (session) => {
            const group = await readGroup(session, dn);
            if (group.kind !== target.groupKind)
              builder.warn(
                `${dn} is a ${group.kind} group in Active Directory, not a ${target.groupKind} group as the task says`,
              );
            // The DN as the DC spells it (readGroup checked it names the same object as the one asked for).
            await this.expand(session, group.dn, builder);
          },
          signal,
        );
        builder.checkSoftLimit(dn, this.settings.groupSoftLimit);
        break;
      }
      case 'mailbox':
      case 'mailbox-list': {
        const addresses = target.kind === 'mailbox' ? [target.email] : target.emails;
        await this.use(
          `resolving ${describeTarget(target)}`,
          (session) => resolveAddresses(session, this.settings.baseDn, addresses, builder),
          signal,
        );
        break;
      }
      case 'm365-group':
        throw new UnsupportedTargetError(
          `${describeTarget(target)}: Microsoft 365 groups are resolved by sites whose directory type is ` +
            'microsoft-365; this site resolves against Active Directory (use an AD group DN or the mailboxes instead)',
        );
    }
    return builder.finish();
  }

  async findGroups(prefix: string, limit?: number): Promise<DirectoryGroup[]> {
    const query = lookupQuery(prefix);
    return this.use('looking up groups', (session) =>
      findGroups(session, this.settings.baseDn, query, lookupLimit(limit)),
    );
  }

  async listGroups(): Promise<DirectoryGroup[]> {
    return this.use('listing groups', (session) =>
      listGroups(session, this.settings.baseDn, this.rangeWindow),
    );
  }

  async close(): Promise<void> {
    // Nothing stays open between operations.
  }

  private expand(session: LdapSession, dn: string, builder: ResolutionBuilder): Promise<void> {
    return this.expansion === 'in-chain'
      ? expandInChain(session, this.settings.baseDn, dn, builder)
      : expandRecursively(
          session,
          { baseDn: this.settings.baseDn, rangeWindow: this.rangeWindow, dnBatchSize: this.dnBatchSize },
          dn,
          builder,
        );
  }

  private use<T>(what: string, work: (session: LdapSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withLdapSession(this.session, this.logger, what, work, signal);
  }
}
