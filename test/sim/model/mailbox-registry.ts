import { generateMailbox, generatedOrdinalOf } from './generator/generate-mailbox.ts';
import type { MailboxRecord } from './mailbox-record.ts';
import { mailboxGuid, ordinalOfGuid } from './mailbox-guid.ts';
import { ModelError } from './model-error.ts';
import type { MailboxPatch, NewMailbox } from './model-types.ts';
import type { Population } from './population-options.ts';

/**
 * The mailboxes of the organisation: generated ones (computed from their ordinal), added ones, and
 * attribute overrides for either. Lookups by GUID and by generated address need no index; added
 * mailboxes and changed aliases are indexed.
 */
export class MailboxRegistry {
  private readonly population: Population;
  private readonly added: MailboxRecord[] = [];
  private readonly overrides = new Map<number, MailboxPatch>();
  private readonly addressIndex = new Map<string, number>();

  constructor(population: Population) {
    this.population = population;
  }

  get count(): number {
    return this.population.mailboxes + this.added.length;
  }

  at(ordinal: number): MailboxRecord | undefined {
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= this.count) return undefined;
    const base =
      ordinal < this.population.mailboxes
        ? { ...generateMailbox(this.population, ordinal), id: mailboxGuid(this.population.seedHash, ordinal) }
        : this.added[ordinal - this.population.mailboxes];
    if (!base) return undefined;
    const patch = this.overrides.get(ordinal);
    return patch ? { ...base, ...patch } : base;
  }

  /** Ordinal of the mailbox with this GUID, primary address or alias (case-insensitive). */
  ordinalOf(idOrAddress: string): number | undefined {
    const text = idOrAddress.trim().toLowerCase();
    const indexed = this.addressIndex.get(text);
    if (indexed !== undefined) return indexed;
    const byGuid = ordinalOfGuid(this.population.seedHash, text);
    if (byGuid !== undefined && byGuid < this.count) return byGuid;
    const at = text.lastIndexOf('@');
    if (at < 0 || text.slice(at + 1) !== this.population.domain.toLowerCase()) return undefined;
    // Generated addresses carry their ordinal: user00042@… and first.last.42@….
    const local = text.slice(0, at);
    const suffix = /\.(\d+)$/.exec(local)?.[1];
    const candidate = generatedOrdinalOf(local) ?? (suffix !== undefined ? Number(suffix) - 1 : undefined);
    if (candidate === undefined || candidate < 0 || candidate >= this.population.mailboxes) return undefined;
    const record = this.at(candidate);
    const matches =
      record?.primarySmtp.toLowerCase() === text || record?.aliases.some((a) => a.toLowerCase() === text);
    return matches ? candidate : undefined;
  }

  requireOrdinal(idOrAddress: string): number {
    const ordinal = this.ordinalOf(idOrAddress);
    if (ordinal === undefined) throw new ModelError('mailboxNotFound', `no mailbox ${idOrAddress}`);
    return ordinal;
  }

  private index(ordinal: number, record: MailboxRecord): void {
    for (const address of [record.primarySmtp, ...record.aliases]) {
      const key = address.toLowerCase();
      const owner = this.addressIndex.get(key);
      if (owner !== undefined && owner !== ordinal)
        throw new ModelError('invalidArgument', `${address} is already in use`);
      this.addressIndex.set(key, ordinal);
    }
  }

  /** Adds a mailbox; `taken` tells whether another directory object already uses an address. */
  add(input: NewMailbox, taken: (address: string) => boolean): MailboxRecord {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.primarySmtp)) {
      throw new ModelError('invalidArgument', `not an SMTP address: ${input.primarySmtp}`);
    }
    for (const address of [input.primarySmtp, ...(input.aliases ?? [])]) {
      if (this.ordinalOf(address) !== undefined || taken(address)) {
        throw new ModelError('invalidArgument', `${address} is already in use`);
      }
    }
    const ordinal = this.count;
    const alias = input.primarySmtp.slice(0, input.primarySmtp.indexOf('@'));
    const displayName = input.displayName ?? alias;
    const [first = displayName, ...rest] = displayName.split(' ');
    const record: MailboxRecord = {
      ordinal,
      id: mailboxGuid(this.population.seedHash, ordinal),
      primarySmtp: input.primarySmtp,
      aliases: input.aliases ?? [],
      displayName,
      givenName: input.givenName ?? first,
      surname: input.surname ?? rest.join(' '),
      alias,
      impersonationAllowed: input.impersonationAllowed ?? true,
      populated: input.populate ?? false,
    };
    this.added.push(record);
    this.index(ordinal, record);
    return record;
  }

  update(idOrAddress: string, patch: MailboxPatch, taken: (address: string) => boolean): MailboxRecord {
    const ordinal = this.requireOrdinal(idOrAddress);
    for (const alias of patch.aliases ?? []) {
      const owner = this.ordinalOf(alias);
      if ((owner !== undefined && owner !== ordinal) || taken(alias)) {
        throw new ModelError('invalidArgument', `${alias} is already in use`);
      }
    }
    this.overrides.set(ordinal, { ...this.overrides.get(ordinal), ...patch });
    const record = this.at(ordinal);
    if (!record) throw new ModelError('mailboxNotFound', `no mailbox ${idOrAddress}`);
    this.index(ordinal, record);
    return record;
  }
}
