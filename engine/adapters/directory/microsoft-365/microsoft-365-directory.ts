import pLimit from 'p-limit';
import { describeTarget, type Target } from '../../../domain/target.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { Clock } from '../../../ports/clock.ts';
import type { DirectoryGroup, Resolution, ResolveOptions } from '../../../ports/directory.ts';
import type { Microsoft365DirectorySettings, MicrosoftGraphSettings } from '../../../site-config/index.ts';
import type { SiteDirectory } from '../cached-directory.ts';
import { throwIfCancelled, untilCancelled } from '../cancellation.ts';
import { GroupNotFoundError, UnsupportedTargetError } from '../directory-errors.ts';
import { lookupLimit, lookupQuery, rankGroups } from '../group-ranking.ts';
import { ResolutionBuilder } from '../resolution-builder.ts';
import { connectGraph, type GraphConnection, type GraphRetry } from '../../graph/connect-graph.ts';
import { isAuthorityUnreachable, toGraphDirectoryError } from './graph-errors.ts';
import {
  GROUP_SELECT,
  MEMBER_SELECT,
  odataString,
  recordGraphMember,
  toDirectoryGroup,
  type GraphObject,
  type GraphPage,
} from './graph-objects.ts';

/** The caller's signal, with what to call the operation in the cancel message. */
interface Cancel {
  readonly signal: AbortSignal | undefined;
  readonly what: string;
}
const NOT_CANCELLABLE: Cancel = { signal: undefined, what: '' };

export interface Microsoft365Tuning {
  readonly retry?: Partial<GraphRetry>;
  /** $top of member and group listings; Graph allows up to 999 directory objects per page. */
  readonly pageSize?: number;
  /** Address lookups in flight at once. */
  readonly concurrency?: number;
}

/**
 * The Microsoft 365 adapter (Graph, app-only): Microsoft 365 groups by mail with their transitive members,
 * and users by address. Throttled requests are retried after Retry-After by the Graph client's retry
 * handler; when the retries run out the error is typed, never an empty result.
 */
export class Microsoft365Directory implements SiteDirectory {
  private readonly graph: GraphConnection;
  private readonly pageSize: number;
  private readonly concurrency: number;

  constructor(
    private readonly settings: MicrosoftGraphSettings,
    clientSecret: string,
    private readonly directory: Microsoft365DirectorySettings,
    private readonly logger: Logger,
    private readonly clock: Clock,
    tuning: Microsoft365Tuning = {},
  ) {
    this.graph = connectGraph(settings, clientSecret, {
      maxRetries: tuning.retry?.maxRetries ?? 5,
      delaySeconds: tuning.retry?.delaySeconds ?? 3,
    });
    this.pageSize = Math.min(999, tuning.pageSize ?? 999);
    this.concurrency = tuning.concurrency ?? 4;
  }

  /** `options.signal` aborts the Graph request in flight and stops between pages and lookups. */
  async resolve(target: Target, options: ResolveOptions = {}): Promise<Resolution> {
    const builder = new ResolutionBuilder(describeTarget(target), this.clock);
    const cancel: Cancel = { signal: options.signal, what: `resolving ${describeTarget(target)}` };
    switch (target.kind) {
      case 'm365-group': {
        const group = await this.groupByMail(target.email, cancel);
        let count = 0;
        for await (const members of this.pages<GraphObject>(
          `/groups/${encodeURIComponent(group.id)}/transitiveMembers?$select=${MEMBER_SELECT}&$top=${this.pageSize}`,
          `reading the members of ${target.email}`,
          cancel,
        )) {
          count += members.length;
          for (const member of members) recordGraphMember(builder, member);
        }
        this.logger.debug({ group: target.email, members: count }, 'directory: Microsoft 365 group read');
        builder.checkSoftLimit(target.email, this.directory.groupSoftLimit);
        break;
      }
      case 'mailbox':
      case 'mailbox-list': {
        const addresses = target.kind === 'mailbox' ? [target.email] : target.emails;
        const limit = pLimit(this.concurrency);
        const found = await Promise.all(addresses.map((a) => limit(() => this.userByMail(a, cancel))));
        addresses.forEach((address, i) => {
          const user = found[i];
          if (user) recordGraphMember(builder, user, address);
          else
            builder.skip(
              address,
              'not found',
              `no user of tenant ${this.settings.tenantId} has this e-mail address`,
            );
        });
        break;
      }
      case 'ad-group':
        throw new UnsupportedTargetError(
          `${describeTarget(target)}: Active Directory groups are resolved by sites whose directory type is ` +
            "active-directory; this site resolves against Microsoft 365 (use the group's e-mail address instead)",
        );
    }
    return builder.finish();
  }

  async findGroups(prefix: string, limit?: number): Promise<DirectoryGroup[]> {
    const query = lookupQuery(prefix);
    const q = odataString(query);
    const filter = `startswith(displayName,${q}) or startswith(mail,${q}) or startswith(mailNickname,${q})`;
    const page = await this.call<GraphPage<GraphObject>>(`looking up groups starting with "${query}"`, () =>
      this.graph.client
        .api(`/groups?$filter=${encodeURIComponent(filter)}&$select=${GROUP_SELECT}&$top=100`)
        .get(),
    );
    return rankGroups(page.value.filter((g) => g.mail).map(toDirectoryGroup), query, lookupLimit(limit));
  }

  /** Mail-enabled groups only: a Microsoft 365 target names its group by e-mail address. */
  async listGroups(): Promise<DirectoryGroup[]> {
    const groups: DirectoryGroup[] = [];
    const filter = encodeURIComponent('mailEnabled eq true');
    for await (const page of this.pages<GraphObject>(
      `/groups?$filter=${filter}&$select=${GROUP_SELECT}&$top=${this.pageSize}`,
      'listing groups for the catalog',
    ))
      groups.push(...page.filter((g) => g.mail).map(toDirectoryGroup));
    return groups;
  }

  close(): Promise<void> {
    return this.graph.close();
  }

  private async groupByMail(mail: string, cancel: Cancel): Promise<GraphObject> {
    const filter = encodeURIComponent(`mail eq ${odataString(mail)}`);
    const page = await this.call<GraphPage<GraphObject>>(
      `looking up group ${mail}`,
      () => this.get(`/groups?$filter=${filter}&$select=${GROUP_SELECT}`, cancel),
      cancel,
    );
    const group = page.value[0];
    if (!group)
      throw new GroupNotFoundError(
        mail,
        `no group of tenant ${this.settings.tenantId} has the address ${mail}: check the address (Microsoft 365 admin center, Groups)`,
      );
    return group;
  }

  /**
   * The user whose primary address (mail) this is, else the one holding it as a secondary SMTP address,
   * as Active Directory lookups do with proxyAddresses. The second query runs only for misses.
   */
  private async userByMail(mail: string, cancel: Cancel): Promise<GraphObject | undefined> {
    const literal = odataString(mail);
    for (const filter of [
      `mail eq ${literal}`,
      `proxyAddresses/any(p:p eq ${odataString(`smtp:${mail}`)})`,
    ]) {
      const page = await this.call<GraphPage<GraphObject>>(
        `looking up ${mail}`,
        () => this.get(`/users?$filter=${encodeURIComponent(filter)}&$select=${MEMBER_SELECT}`, cancel),
        cancel,
      );
      const user = page.value[0];
      if (user) return { '@odata.type': '#microsoft.graph.user', ...user };
    }
    return undefined;
  }

  /** Follows @odata.nextLink (the whole URL, as Graph's paging guidance says) until the last page. */
  private async *pages<T>(
    path: string,
    operation: string,
    cancel: Cancel = NOT_CANCELLABLE,
  ): AsyncGenerator<readonly T[]> {
    let page = await this.call<GraphPage<T>>(operation, () => this.get(path, cancel), cancel);
    yield page.value;
    for (let next = page['@odata.nextLink']; next; next = page['@odata.nextLink']) {
      throwIfCancelled(cancel.signal, cancel.what);
      const link = next;
      page = await this.call<GraphPage<T>>(operation, () => this.get(link, cancel), cancel);
      yield page.value;
    }
  }

  /** A GET that fetch aborts when the signal fires (the Graph client passes request options to fetch). */
  private get<T>(path: string, cancel: Cancel): Promise<T> {
    const request = this.graph.client.api(path);
    return (cancel.signal ? request.option('signal', cancel.signal) : request).get() as Promise<T>;
  }

  /**
   * Runs one Graph request; its failure becomes a typed DirectoryError. The signal also interrupts what
   * fetch's abort cannot reach: the retry handler's Retry-After sleep and the token request.
   */
  private async call<T>(
    operation: string,
    request: () => Promise<T>,
    cancel: Cancel = NOT_CANCELLABLE,
  ): Promise<T> {
    try {
      return await untilCancelled(cancel.signal, cancel.what, request);
    } catch (error) {
      const authority = isAuthorityUnreachable(error)
        ? await this.graph.probe(this.settings.authorityHost)
        : undefined;
      throw toGraphDirectoryError(
        error,
        {
          baseUrl: this.settings.baseUrl,
          authorityHost: this.settings.authorityHost,
          clientId: this.settings.clientId,
          secretEnv: this.settings.clientSecretEnv,
          operation,
        },
        authority,
      );
    }
  }
}
