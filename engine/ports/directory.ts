import type { Target } from '../domain/target.ts';

/**
 * Where a site looks up mailboxes: Active Directory (ldapts) or Microsoft 365 (Graph). Written in
 * directory terms; no LDAP filters or Graph request builders cross this port.
 */

/** A mailbox a target resolved to. */
export interface ResolvedMailbox {
  /** Primary SMTP address, lower-case. */
  readonly email: string;
  readonly displayName: string;
  /** objectGUID (AD) or object id (Entra), as text. */
  readonly directoryId: string;
  /**
   * Hidden from the address lists (msExchHideFromAddressLists). Still a mailbox and still processed:
   * hiding is about the GAL, not about retention or archiving; set so reports can show it.
   */
  readonly hiddenFromAddressLists?: boolean;
}

export type SkipReason =
  'account disabled' | 'no mailbox' | 'contact' | 'not found' | 'hidden' | 'not a user';

/** A directory entry the target named or contained that is not processed, and why. */
export interface SkippedEntry {
  /** DN, address or id as the directory knows it. */
  readonly entry: string;
  readonly reason: SkipReason;
  readonly detail?: string;
}

export interface Resolution {
  readonly mailboxes: readonly ResolvedMailbox[];
  readonly skipped: readonly SkippedEntry[];
  /** Things an admin should know that do not stop the run, e.g. a group over the soft size limit. */
  readonly warnings: readonly string[];
  /** When the membership was read from the directory (it may come from the cache). */
  readonly resolvedAt: string;
}

/** A group as the bot's "Lookup from AD" shows it. */
export interface DirectoryGroup {
  /** The DN (Active Directory) or the object id (Microsoft 365, where groups are picked by mail). */
  readonly dn: string;
  readonly name: string;
  readonly mail?: string;
  readonly kind: 'security' | 'distribution' | 'microsoft-365';
  /** Direct members (users, contacts and nested groups), where the directory gives it cheaply. */
  readonly memberCount?: number;
  /** sAMAccountName (Active Directory), also matched by prefix lookups. */
  readonly accountName?: string;
}

export interface ResolveOptions {
  /** Read the membership from the directory even if the cache holds a fresh copy (and re-cache it). */
  readonly refresh?: boolean;
  /**
   * Cancels the resolution (a run was cancelled): the request in flight is abandoned (the LDAP connection
   * closed, the Graph request aborted) and `resolve` rejects at once with DirectoryCancelledError, code
   * 'directory-cancelled'. Nothing is cached.
   */
  readonly signal?: AbortSignal;
}

export interface DirectoryPort {
  /**
   * Turns a task target into mailboxes. A target that yields no mailbox at all is an error
   * (EmptyTargetError, code 'directory-empty-target'), never an empty success. An aborted
   * `options.signal` rejects it promptly with DirectoryCancelledError ('directory-cancelled').
   */
  resolve(target: Target, options?: ResolveOptions): Promise<Resolution>;
  /** Groups whose name, mail or account name start with `prefix`; at most `limit` (Teams shows 15). */
  findGroups(prefix: string, limit?: number): Promise<DirectoryGroup[]>;
  close(): Promise<void>;
}

/** What a site publishes as its group catalog (see engine/adapters/directory/group-catalog.ts). */
export interface GroupCatalogSource {
  /** Every group a target can name (AD: all groups under the base DN; Microsoft 365: mail-enabled groups). */
  listGroups(): Promise<DirectoryGroup[]>;
}
