import { guidFrom, mix, Rng } from '../hash.ts';
import type { MailboxRecord } from '../mailbox-record.ts';
import type { Population } from '../population-options.ts';
import { GIVEN_NAMES, SURNAMES } from './words.ts';

const SALT = 0x6d62;

/**
 * The generated mailbox at an ordinal. Primary addresses are `user00001@domain` style so they are unique
 * and predictable in tests; names and a `first.last.n@domain` alias come from the seed.
 */
const CACHE_SIZE = 2048;
const caches = new WeakMap<Population, Map<number, MailboxRecord>>();

export function generateMailbox(population: Population, ordinal: number): MailboxRecord {
  let cache = caches.get(population);
  if (!cache) caches.set(population, (cache = new Map<number, MailboxRecord>()));
  const cached = cache.get(ordinal);
  if (cached) return cached;
  const record = buildMailbox(population, ordinal);
  cache.set(ordinal, record);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as number);
  return record;
}

function buildMailbox(population: Population, ordinal: number): MailboxRecord {
  const rng = new Rng(mix(population.seedHash, SALT, ordinal));
  const givenName = rng.pick(GIVEN_NAMES);
  const surname = rng.pick(SURNAMES);
  const alias = generatedAlias(ordinal);
  const ascii = (text: string): string =>
    text
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .toLowerCase();
  return {
    ordinal,
    id: guidFrom(mix(population.seedHash, SALT, ordinal, 1)),
    primarySmtp: `${alias}@${population.domain}`,
    aliases: [`${ascii(givenName)}.${ascii(surname)}.${ordinal + 1}@${population.domain}`],
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    alias,
    impersonationAllowed: !rng.chance(population.impersonationDeniedShare),
    populated: true,
  };
}

export function generatedAlias(ordinal: number): string {
  return `user${String(ordinal + 1).padStart(5, '0')}`;
}

/** Inverse of {@link generatedAlias}: the ordinal for `user00042`, if the text has that shape. */
export function generatedOrdinalOf(alias: string): number | undefined {
  const match = /^user(\d{5,})$/i.exec(alias);
  if (!match?.[1]) return undefined;
  const n = Number(match[1]) - 1;
  return n >= 0 ? n : undefined;
}
