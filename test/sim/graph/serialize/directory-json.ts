import type { DistributionGroup, MailboxRecord, Recipient } from '../../model/index.ts';

/**
 * Directory objects: `user` (https://learn.microsoft.com/graph/api/resources/user — the default property
 * set is returned unless `$select` asks for others), `group` and `orgContact`, as members of a group
 * carry them with `@odata.type`.
 */
export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export function userJson(mailbox: MailboxRecord): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.user',
    id: mailbox.id,
    businessPhones: [],
    displayName: mailbox.displayName,
    givenName: mailbox.givenName,
    jobTitle: null,
    mail: mailbox.primarySmtp,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: mailbox.surname,
    userPrincipalName: mailbox.primarySmtp,
    mailNickname: mailbox.alias,
    proxyAddresses: [`SMTP:${mailbox.primarySmtp}`, ...mailbox.aliases.map((a) => `smtp:${a}`)],
    accountEnabled: true,
    userType: 'Member',
  };
}

/** Only the default properties, as Graph answers without `$select`. */
export function defaultUserJson(full: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(full)) {
    if (key.startsWith('@odata.') || USER_DEFAULT_PROPERTIES.includes(key)) out[key] = value;
  }
  return out;
}

export function groupJson(group: DistributionGroup): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: group.id,
    deletedDateTime: null,
    description: null,
    displayName: group.displayName,
    groupTypes: [],
    mail: group.primarySmtp,
    mailEnabled: true,
    mailNickname: group.alias,
    proxyAddresses: [`SMTP:${group.primarySmtp}`],
    securityEnabled: group.kind === 'security',
    visibility: null,
  };
}

export function contactJson(id: string, recipient: Recipient): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.orgContact',
    id,
    displayName: recipient.name,
    mail: recipient.address,
    mailNickname: recipient.alias,
    proxyAddresses: recipient.addresses.map((a, i) => `${i === 0 ? 'SMTP' : 'smtp'}:${a}`),
  };
}
