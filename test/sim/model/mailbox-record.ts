/** A mailbox as the directory and both protocols see it. */
export interface MailboxRecord {
  /** Position in the model; part of every folder and item id of this mailbox. */
  ordinal: number;
  /** Exchange mailbox GUID (lower case); Graph calls this the user id. */
  id: string;
  primarySmtp: string;
  /** Secondary SMTP addresses (proxyAddresses `smtp:` entries). */
  aliases: string[];
  displayName: string;
  givenName: string;
  surname: string;
  /** mailNickname; the left side of the primary address for generated mailboxes. */
  alias: string;
  /** Whether the service account's impersonation scope (or Graph app access policy) covers this mailbox. */
  impersonationAllowed: boolean;
  /** Generated mailboxes are populated from the seed; added ones start with empty default folders unless populated. */
  populated: boolean;
}
