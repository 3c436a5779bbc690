import type { Item } from 'ews-javascript-api';
import {
  BodyType,
  ConflictResolutionMode,
  DeleteMode,
  EmailMessage,
  Flag,
  Folder,
  FolderId,
  ItemFlagStatus,
  ItemId,
  MessageBody,
  Sensitivity,
  type ExchangeService,
} from 'ews-javascript-api';
import { ewsClient } from '../ews/ews-test-client.ts';
import type { Simulator } from '../simulator.ts';
import type { MailboxUser, NewUserMessage, UserFlagStatus, UserSensitivity } from './mailbox-user.ts';

const SENSITIVITY: Record<UserSensitivity, Sensitivity> = {
  normal: Sensitivity.Normal,
  personal: Sensitivity.Personal,
  private: Sensitivity.Private,
  confidential: Sensitivity.Confidential,
};
const FLAG: Record<UserFlagStatus, ItemFlagStatus> = {
  notFlagged: ItemFlagStatus.NotFlagged,
  flagged: ItemFlagStatus.Flagged,
  complete: ItemFlagStatus.Complete,
};

/** ews-javascript-api writes text unescaped into the XML (gautamsi/ews-javascript-api#358): escape it here. */
function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function flagOf(status: UserFlagStatus): Flag {
  const flag = new Flag();
  flag.FlagStatus = FLAG[status];
  return flag;
}

/**
 * The user on EWS through ews-javascript-api, impersonated by the simulator's service account:
 * CreateFolder, UpdateFolder (SetFolderField folder:DisplayName), MoveFolder, DeleteFolder, CreateItem
 * (with ItemClass, Sensitivity, Flag), MoveItem, DeleteItem and UpdateItem (SetItemField
 * item:Sensitivity, item:Flag).
 */
export function ewsMailboxUser(sim: Simulator, mailbox: string): MailboxUser {
  const service: ExchangeService = ewsClient(sim, { mailbox });
  const message = (id: string) => EmailMessage.Bind(service, new ItemId(id));
  return {
    protocol: 'ews',
    mailbox,
    async createFolder(parentId, displayName) {
      const folder = new Folder(service);
      folder.DisplayName = xmlText(displayName);
      folder.FolderClass = 'IPF.Note';
      await folder.Save(new FolderId(parentId));
      return folder.Id.UniqueId;
    },
    async renameFolder(folderId, displayName) {
      const folder = await Folder.Bind(service, new FolderId(folderId));
      folder.DisplayName = xmlText(displayName);
      await folder.Update();
    },
    async moveFolder(folderId, parentId) {
      const folder = await Folder.Bind(service, new FolderId(folderId));
      await folder.Move(new FolderId(parentId));
    },
    async deleteFolder(folderId, mode) {
      const folder = await Folder.Bind(service, new FolderId(folderId));
      await folder.Delete(mode === 'hard' ? DeleteMode.HardDelete : DeleteMode.MoveToDeletedItems);
    },
    async createMessage(folderId, input: NewUserMessage) {
      const created = new EmailMessage(service);
      created.Subject = xmlText(input.subject);
      created.Body = new MessageBody(BodyType.Text, xmlText(input.body ?? input.subject));
      if (input.sensitivity) created.Sensitivity = SENSITIVITY[input.sensitivity];
      if (input.itemClass) created.ItemClass = input.itemClass;
      if (input.flagStatus) created.Flag = flagOf(input.flagStatus);
      await created.Save(new FolderId(folderId));
      return created.Id.UniqueId;
    },
    async moveMessage(messageId, folderId) {
      const moved: Item = await (await message(messageId)).Move(new FolderId(folderId));
      return moved.Id.UniqueId;
    },
    async deleteMessage(messageId, mode) {
      await (
        await message(messageId)
      ).Delete(mode === 'hard' ? DeleteMode.HardDelete : DeleteMode.MoveToDeletedItems);
    },
    async setSensitivity(messageId, sensitivity) {
      const item = await message(messageId);
      item.Sensitivity = SENSITIVITY[sensitivity];
      await item.Update(ConflictResolutionMode.AlwaysOverwrite);
    },
    async setFlag(messageId, status) {
      const item = await message(messageId);
      item.Flag = flagOf(status);
      await item.Update(ConflictResolutionMode.AlwaysOverwrite);
    },
    close: () => Promise.resolve(),
  };
}
