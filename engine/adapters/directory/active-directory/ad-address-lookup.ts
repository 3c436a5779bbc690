import type { Entry } from 'ldapts';
import type { ResolutionBuilder } from '../resolution-builder.ts';
import { BINARY_ATTRIBUTES, OBJECT_ATTRIBUTES, classify, smtpAddresses } from './ad-entry.ts';
import { addressesFilter } from './ad-filters.ts';
import type { LdapSession } from './ldap-session.ts';

/** Addresses per search: an OR of 2 equality clauses each keeps the filter well under AD's limits. */
const ADDRESSES_PER_SEARCH = 50;

/**
 * Looks up typed addresses (a single mailbox or a ';' list) by mail or any SMTP proxy address. Every
 * address ends up either as a mailbox or as a skipped entry under its own spelling with the reason:
 * unknown ('not found'), a group ('not a user'), a contact, a disabled account, ... never dropped.
 */
export async function resolveAddresses(
  session: LdapSession,
  baseDn: string,
  addresses: readonly string[],
  builder: ResolutionBuilder,
): Promise<void> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  for (let i = 0; i < wanted.length; i += ADDRESSES_PER_SEARCH) {
    const batch = wanted.slice(i, i + ADDRESSES_PER_SEARCH);
    const entries = await session.searchAll(
      baseDn,
      { filter: addressesFilter(batch), attributes: OBJECT_ATTRIBUTES, binary: BINARY_ATTRIBUTES },
      `looking up ${batch.length} address${batch.length === 1 ? '' : 'es'}`,
    );
    const byAddress = new Map<string, Entry[]>();
    for (const entry of entries)
      for (const address of smtpAddresses(entry))
        byAddress.set(address, [...(byAddress.get(address) ?? []), entry]);
    for (const address of batch) record(builder, address, byAddress.get(address) ?? [], baseDn);
  }
}

function record(
  builder: ResolutionBuilder,
  address: string,
  matches: readonly Entry[],
  baseDn: string,
): void {
  if (matches.length === 0) {
    builder.skip(address, 'not found', `no user, contact or group under ${baseDn} has this address`);
    return;
  }
  const classified = matches.map((entry) => ({ entry, what: classify(entry) }));
  const mailboxes = classified.flatMap(({ what }) => (what.kind === 'mailbox' ? [what.mailbox] : []));
  const [mailbox, ...others] = mailboxes;
  if (mailbox) {
    builder.addMailbox(mailbox);
    if (others.length > 0)
      builder.warn(
        `${address} is an address of ${mailboxes.length} mailboxes; only ${mailbox.email} is processed`,
      );
    return;
  }
  const { entry, what } = classified[0]!;
  if (what.kind === 'group')
    builder.skip(address, 'not a user', `${entry.dn} is a group: use a group target to process its members`);
  else if (what.kind === 'skip')
    builder.skip(address, what.reason, what.detail ? `${entry.dn}: ${what.detail}` : entry.dn);
}
