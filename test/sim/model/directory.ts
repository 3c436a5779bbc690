import type { EmailAddress } from './email-address.ts';
import { ModelError } from './model-error.ts';

/**
 * Directory objects that are not mailboxes: distribution groups (for ExpandDL and Graph group
 * membership), mail contacts, and the accounts that log on to EWS (with or without the
 * ApplicationImpersonation role).
 */

export interface DistributionGroup {
  id: string;
  primarySmtp: string;
  displayName: string;
  alias: string;
  /** Security groups are mail-enabled security groups; both kinds expand the same way in EWS. */
  kind: 'distribution' | 'security';
  /** SMTP addresses of members: mailboxes, contacts or other groups (nesting is allowed, cycles too). */
  members: string[];
}

export interface MailContact {
  id: string;
  primarySmtp: string;
  displayName: string;
  alias: string;
}

export interface ServiceAccount {
  /** Logon name as typed: `DOMAIN\user`. */
  username: string;
  /** userPrincipalName, also accepted at logon. */
  upn: string;
  password: string;
  /** Holds the ApplicationImpersonation role. */
  canImpersonate: boolean;
  /** Primary SMTP of the account's own mailbox, used when a request does not impersonate. */
  mailbox?: string;
}

export class Directory {
  private readonly groups = new Map<string, DistributionGroup>();
  private readonly contacts = new Map<string, MailContact>();
  private readonly accounts: ServiceAccount[] = [];

  addGroup(group: DistributionGroup): DistributionGroup {
    const key = group.primarySmtp.toLowerCase();
    if (this.groups.has(key) || this.contacts.has(key))
      throw new ModelError('invalidArgument', `${group.primarySmtp} is already in use`);
    this.groups.set(key, { ...group, members: [...group.members] });
    return group;
  }

  setGroupMembers(address: string, members: string[]): void {
    const group = this.groups.get(address.toLowerCase());
    if (!group) throw new ModelError('mailboxNotFound', `no distribution group ${address}`);
    this.groups.set(address.toLowerCase(), { ...group, members: [...members] });
  }

  group(address: string): DistributionGroup | undefined {
    return this.groups.get(address.toLowerCase());
  }

  allGroups(): DistributionGroup[] {
    return [...this.groups.values()];
  }

  addContact(contact: MailContact): MailContact {
    const key = contact.primarySmtp.toLowerCase();
    if (this.groups.has(key) || this.contacts.has(key))
      throw new ModelError('invalidArgument', `${contact.primarySmtp} is already in use`);
    this.contacts.set(key, contact);
    return contact;
  }

  contact(address: string): MailContact | undefined {
    return this.contacts.get(address.toLowerCase());
  }

  allContacts(): MailContact[] {
    return [...this.contacts.values()];
  }

  addAccount(account: ServiceAccount): ServiceAccount {
    if (this.findAccount(account.username) || this.findAccount(account.upn)) {
      throw new ModelError('invalidArgument', `account ${account.username} already exists`);
    }
    this.accounts.push({ ...account });
    return account;
  }

  updateAccount(username: string, patch: Partial<Omit<ServiceAccount, 'username'>>): ServiceAccount {
    const index = this.accounts.findIndex((a) => a === this.findAccount(username));
    const current = this.accounts[index];
    if (!current) throw new ModelError('invalidArgument', `no account ${username}`);
    const updated = { ...current, ...patch };
    this.accounts[index] = updated;
    return updated;
  }

  /** Finds an account by `DOMAIN\user`, `user` or UPN (case-insensitive). */
  findAccount(logon: string, netbiosDomain?: string): ServiceAccount | undefined {
    const wanted = logon.toLowerCase();
    return this.accounts.find((a) => {
      const [domain, user] = a.username.toLowerCase().split('\\');
      return (
        a.username.toLowerCase() === wanted ||
        a.upn.toLowerCase() === wanted ||
        user === wanted ||
        (netbiosDomain !== undefined &&
          `${netbiosDomain.toLowerCase()}\\${user}` === wanted &&
          domain === netbiosDomain.toLowerCase())
      );
    });
  }

  allAccounts(): ServiceAccount[] {
    return [...this.accounts];
  }
}

export type RecipientKind = 'mailbox' | 'group' | 'contact';

/** Any mail-enabled directory object, as name resolution returns it. */
export interface Recipient extends EmailAddress {
  kind: RecipientKind;
  /** mailNickname */
  alias: string;
  /** All SMTP addresses (primary first). */
  addresses: string[];
  givenName?: string;
  surname?: string;
}
