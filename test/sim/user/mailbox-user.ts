/**
 * A mailbox's user, as replication tests need one: every change goes through a protocol the way an
 * Outlook client (EWS) or an app (Graph) would make it, never through the model's mutation API, so a
 * test also proves the simulator serves the change as Microsoft documents it. Ids are the model's
 * (EWS ids, Graph default ids); a message that moves gets a new id, which `moveMessage` returns.
 */
export type UserSensitivity = 'normal' | 'personal' | 'private' | 'confidential';
export type UserFlagStatus = 'notFlagged' | 'flagged' | 'complete';

export interface NewUserMessage {
  readonly subject: string;
  readonly body?: string;
  readonly sensitivity?: UserSensitivity;
  readonly flagStatus?: UserFlagStatus;
  /** The message class, e.g. `IPM.Note.EnterpriseVault.Shortcut` for an archive stub. @default IPM.Note */
  readonly itemClass?: string;
}

export interface MailboxUser {
  readonly protocol: 'ews' | 'graph';
  readonly mailbox: string;
  /** A mail folder (IPF.Note) below `parentId`; returns its id. */
  createFolder(parentId: string, displayName: string): Promise<string>;
  renameFolder(folderId: string, displayName: string): Promise<void>;
  moveFolder(folderId: string, parentId: string): Promise<void>;
  /** `hard`: gone for good (EWS HardDelete, Graph permanentDelete); `deleted-items`: moved there (EWS MoveToDeletedItems, Graph DELETE). */
  deleteFolder(folderId: string, mode: 'hard' | 'deleted-items'): Promise<void>;
  /** A message saved in `folderId`; returns its id. */
  createMessage(folderId: string, message: NewUserMessage): Promise<string>;
  /** Returns the message's id in its new folder. */
  moveMessage(messageId: string, folderId: string): Promise<string>;
  deleteMessage(messageId: string, mode: 'hard' | 'deleted-items'): Promise<void>;
  setSensitivity(messageId: string, sensitivity: UserSensitivity): Promise<void>;
  setFlag(messageId: string, status: UserFlagStatus): Promise<void>;
  close(): Promise<void>;
}
