/** A display name and an SMTP address, as both EWS (EmailAddressType) and Graph (emailAddress) carry them. */
export interface EmailAddress {
  name: string;
  address: string;
}

/** RFC 5322 mailbox text: `"Name" <addr>` or just `addr`. */
export function formatAddress(address: EmailAddress): string {
  if (!address.name || address.name === address.address) return address.address;
  const needsQuotes = /[",;:<>@()[\]\\]/.test(address.name);
  const name = needsQuotes ? `"${address.name.replace(/["\\]/g, '\\$&')}"` : address.name;
  return `${name} <${address.address}>`;
}

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
