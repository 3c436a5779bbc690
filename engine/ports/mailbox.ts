/**
 * Exchange as the task types see it, with two adapters: EWS (on-premises, impersonation) and Microsoft
 * Graph (Exchange Online, app-only). The port grows with the task types; it starts with what the
 * runtime's built-in type needs.
 */
export interface MailboxFolder {
  readonly id: string;
  readonly parentId?: string;
  readonly displayName: string;
  /** "inbox", "sentitems", … for well-known folders. */
  readonly wellKnownName?: string;
  readonly totalCount?: number;
}

export interface MailboxPort {
  /** Every mail folder of the mailbox (the whole tree under the top of the information store). */
  listFolders(mailbox: string, signal?: AbortSignal): Promise<MailboxFolder[]>;
  close(): Promise<void>;
}
