import { createAttachment } from './create-attachment.ts';
import { createFolder } from './create-folder.ts';
import { createItem } from './create-item.ts';
import { deleteAttachment } from './delete-attachment.ts';
import { deleteFolder } from './delete-folder.ts';
import { deleteItem } from './delete-item.ts';
import { expandDl } from './expand-dl.ts';
import { findFolder } from './find-folder.ts';
import { findItem } from './find-item.ts';
import { getAttachment } from './get-attachment.ts';
import { getFolder } from './get-folder.ts';
import { getItem } from './get-item.ts';
import type { OperationSpec } from './operation.ts';
import { moveFolder } from './move-folder.ts';
import { moveItem } from './move-item.ts';
import { resolveNames } from './resolve-names.ts';
import { sendItem } from './send-item.ts';
import { syncFolderHierarchy } from './sync-folder-hierarchy.ts';
import { syncFolderItems } from './sync-folder-items.ts';
import { updateFolder } from './update-folder.ts';
import { updateItem } from './update-item.ts';

/** Operations by the local name of the first child of soap:Body. */
export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  GetFolder: getFolder,
  FindFolder: findFolder,
  SyncFolderHierarchy: syncFolderHierarchy,
  SyncFolderItems: syncFolderItems,
  FindItem: findItem,
  GetItem: getItem,
  CreateFolder: createFolder,
  DeleteFolder: deleteFolder,
  UpdateFolder: updateFolder,
  MoveFolder: moveFolder,
  DeleteItem: deleteItem,
  MoveItem: moveItem,
  CreateItem: createItem,
  SendItem: sendItem,
  UpdateItem: updateItem,
  GetAttachment: getAttachment,
  CreateAttachment: createAttachment,
  DeleteAttachment: deleteAttachment,
  ResolveNames: resolveNames,
  ExpandDL: expandDl,
};
