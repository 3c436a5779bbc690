import { randomBytes } from 'node:crypto';
import {
  AndFilter,
  EqualityFilter,
  ExtensibleFilter,
  FilterParser,
  NoSuchObjectError,
  OrFilter,
  SizeLimitExceededError,
  SubstringFilter,
  type ClientOptions,
  type Entry,
  type Filter,
  type SearchOptions,
  type SearchResult,
} from 'ldapts';
import type { LdapConnection } from '../../../../engine/adapters/directory/index.ts';

/**
 * Canned ldapts results for the Active Directory behaviours Samba does not show (test-infrastructure §A):
 * MaxValRange (an answer to plain `member` with more values is an EMPTY `member` plus the first chunk as
 * `member;range=0-1499`; ranged requests are capped the same way) and MaxPageSize (an unpaged search
 * matching more than 1,000 entries fails with sizeLimitExceeded). Entries have ldapts' shapes: a string
 * for one value, an array for several, [] for a requested attribute the entry lacks.
 */
export interface FakeAdLimits {
  maxValRange?: number;
  maxPageSize?: number;
  /** Like a MaxResultSetSize policy: sizeLimitExceeded once a (paged) search has returned this many entries. */
  failAfterEntries?: number;
  /** Serve ranges starting this many values after the requested low bound (a broken server). */
  skewRanges?: number;
}

export interface FakeRequest {
  base: string;
  scope: string;
  filter: string;
  attributes: string[];
  paged: boolean;
}

const IN_CHAIN = '1.2.840.113556.1.4.1941';

export class FakeAd {
  readonly requests: FakeRequest[] = [];
  opened = 0;
  unbound = 0;
  private readonly objects = new Map<
    string,
    { dn: string; attributes: Record<string, (string | Buffer)[]> }
  >();

  constructor(private readonly limits: FakeAdLimits = {}) {}

  add(dn: string, attributes: Record<string, string | string[]>): void {
    const values = Object.fromEntries(
      Object.entries(attributes).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
    ) as Record<string, (string | Buffer)[]>;
    this.objects.set(dn.toLowerCase(), { dn, attributes: { ...values, objectGUID: [randomBytes(16)] } });
  }

  readonly create = (_options: ClientOptions): LdapConnection => {
    this.opened++;
    return {
      bind: () => Promise.resolve(),
      startTLS: () => Promise.resolve(),
      unbind: () => {
        this.unbound++;
        return Promise.resolve();
      },
      search: (base, options) => Promise.resolve(this.search(String(base), options ?? {}, false)),
      searchPaginated: (base, options) => this.pages(String(base), options ?? {}),
    };
  };

  /** An unpaged subtree search, as ldapts' Client.search sends it. */
  search(base: string, options: SearchOptions, paged: boolean): SearchResult {
    this.log(base, options, paged);
    if (options.scope === 'base') {
      const object = this.objects.get(base.toLowerCase());
      if (!object) throw new NoSuchObjectError(`0000208D: NameErr: DSID-0310028D, problem 2001 (NO_OBJECT)`);
      return { searchEntries: [this.entry(object, options.attributes ?? [])], searchReferences: [] };
    }
    const matches = this.matching(options);
    const maxPageSize = this.limits.maxPageSize ?? 1000;
    if (!paged && matches.length > maxPageSize && !(options.sizeLimit && options.sizeLimit <= maxPageSize))
      throw new SizeLimitExceededError();
    const limited = options.sizeLimit ? matches.slice(0, options.sizeLimit) : matches;
    return {
      searchEntries: limited.map((o) => this.entry(o, options.attributes ?? [])),
      searchReferences: [],
    };
  }

  private async *pages(base: string, options: SearchOptions): AsyncGenerator<SearchResult> {
    this.log(base, options, true);
    const matches = this.matching(options);
    const requested = typeof options.paged === 'object' ? (options.paged.pageSize ?? 100) : 100;
    const size = Math.min(requested, this.limits.maxPageSize ?? 1000);
    for (let i = 0; i === 0 || i < matches.length; i += size) {
      await Promise.resolve();
      if (this.limits.failAfterEntries !== undefined && i + size > this.limits.failAfterEntries)
        throw new SizeLimitExceededError();
      yield {
        searchEntries: matches.slice(i, i + size).map((o) => this.entry(o, options.attributes ?? [])),
        searchReferences: [],
      };
    }
  }

  private log(base: string, options: SearchOptions, paged: boolean): void {
    this.requests.push({
      base,
      scope: options.scope ?? 'base',
      filter: String(options.filter ?? ''),
      attributes: options.attributes ?? [],
      paged,
    });
  }

  private matching(options: SearchOptions) {
    const filter = FilterParser.parseString(String(options.filter));
    const closures = new Map<string, Set<string>>();
    return [...this.objects.values()].filter((o) => this.matches(filter, o, closures));
  }

  private matches(
    filter: Filter,
    object: { dn: string; attributes: Record<string, (string | Buffer)[]> },
    closures: Map<string, Set<string>>,
  ): boolean {
    if (filter instanceof OrFilter) return filter.filters.some((f) => this.matches(f, object, closures));
    if (filter instanceof AndFilter) return filter.filters.every((f) => this.matches(f, object, closures));
    if (filter instanceof SubstringFilter && filter.any.length === 0 && !filter.final) {
      const values = object.attributes[filter.attribute] ?? [];
      return values.some((v) => String(v).toLowerCase().startsWith(filter.initial.toLowerCase()));
    }
    if (filter instanceof ExtensibleFilter && filter.rule === IN_CHAIN && filter.matchType === 'memberOf') {
      if (!closures.has(filter.value)) closures.set(filter.value, this.transitiveMembers(filter.value));
      return closures.get(filter.value)!.has(object.dn.toLowerCase());
    }
    if (filter instanceof EqualityFilter) {
      const wanted = String(filter.value).toLowerCase();
      if (filter.attribute.toLowerCase() === 'distinguishedname') return object.dn.toLowerCase() === wanted;
      const values = object.attributes[filter.attribute] ?? [];
      return values.some((v) => String(v).toLowerCase() === wanted);
    }
    throw new Error(`the fake DC does not evaluate ${filter.toString()}`);
  }

  private transitiveMembers(groupDn: string): Set<string> {
    const found = new Set<string>();
    const queue = [groupDn.toLowerCase()];
    for (let dn = queue.shift(); dn !== undefined; dn = queue.shift())
      for (const member of this.objects.get(dn)?.attributes['member'] ?? []) {
        const key = String(member).toLowerCase();
        if (found.has(key)) continue;
        found.add(key);
        queue.push(key);
      }
    return found;
  }

  private entry(
    object: { dn: string; attributes: Record<string, (string | Buffer)[]> },
    requested: string[],
  ): Entry {
    const entry: Entry = { dn: object.dn };
    const put = (key: string, values: (string | Buffer)[]) => {
      entry[key] = (values.length === 1 ? values[0] : values) as Entry[string];
    };
    const maxValRange = this.limits.maxValRange ?? 1500;
    for (const attribute of requested) {
      const range = /^member;range=(\d+)-(\d+|\*)$/i.exec(attribute);
      const members = object.attributes['member'] ?? [];
      if (range) {
        const low = Number(range[1]) + (this.limits.skewRanges ?? 0);
        const wantedHigh = range[2] === '*' ? Infinity : Number(range[2]);
        const high = Math.min(wantedHigh, low + maxValRange - 1, members.length - 1);
        const last = high >= members.length - 1;
        entry[attribute] = [];
        put(`member;range=${low}-${last ? '*' : high}`, members.slice(low, high + 1));
      } else if (attribute === 'member' && members.length > maxValRange) {
        entry['member'] = [];
        put(`member;range=0-${maxValRange - 1}`, members.slice(0, maxValRange));
      } else {
        const values = object.attributes[attribute] ?? [];
        if (values.length > 0) put(attribute, values);
        else entry[attribute] = [];
      }
    }
    return entry;
  }
}
