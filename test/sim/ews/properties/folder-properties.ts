import { el, textEl } from '../xml/xml-writer.ts';
import type { FolderPropertyDef } from './property-types.ts';

/**
 * Folder properties in BaseFolderType / FolderType order
 * (https://learn.microsoft.com/exchange/client-developer/web-service-reference/folder).
 */
export const FOLDER_PROPERTIES: readonly FolderPropertyDef[] = [
  {
    uri: 'folder:FolderId',
    element: 'FolderId',
    inDefault: true,
    valueType: 'string',
    value: (f) => f.id,
    write: (f) => el('t:FolderId', { Id: f.id, ChangeKey: f.changeKey }),
  },
  {
    uri: 'folder:ParentFolderId',
    element: 'ParentFolderId',
    inDefault: false,
    valueType: 'string',
    value: (f) => f.parentId,
    write: (f, model) =>
      f.parentId
        ? el('t:ParentFolderId', { Id: f.parentId, ChangeKey: model.folder(f.parentId)?.changeKey })
        : '',
  },
  {
    uri: 'folder:FolderClass',
    element: 'FolderClass',
    inDefault: false,
    valueType: 'string',
    value: (f) => f.folderClass,
    write: (f) => (f.folderClass ? textEl('t:FolderClass', f.folderClass) : ''),
  },
  {
    uri: 'folder:DisplayName',
    element: 'DisplayName',
    inDefault: true,
    valueType: 'string',
    value: (f) => f.displayName,
    write: (f) => textEl('t:DisplayName', f.displayName),
  },
  {
    uri: 'folder:TotalCount',
    element: 'TotalCount',
    inDefault: true,
    valueType: 'int',
    value: (f) => f.totalCount,
    write: (f) => textEl('t:TotalCount', f.totalCount),
  },
  {
    uri: 'folder:ChildFolderCount',
    element: 'ChildFolderCount',
    inDefault: true,
    valueType: 'int',
    value: (f) => f.childFolderCount,
    write: (f) => textEl('t:ChildFolderCount', f.childFolderCount),
  },
  {
    uri: 'folder:EffectiveRights',
    element: 'EffectiveRights',
    inDefault: false,
    write: () =>
      el(
        't:EffectiveRights',
        undefined,
        [
          'CreateAssociated',
          'CreateContents',
          'CreateHierarchy',
          'Delete',
          'Modify',
          'Read',
          'ViewPrivateItems',
        ]
          .map((r) => textEl(`t:${r}`, true))
          .join(''),
      ),
  },
  {
    uri: 'folder:UnreadCount',
    element: 'UnreadCount',
    inDefault: true,
    valueType: 'int',
    value: (f) => f.unreadCount,
    write: (f) => textEl('t:UnreadCount', f.unreadCount),
  },
];

/** t:ExtendedProperty goes after ChildFolderCount (BaseFolderType). */
export const FOLDER_EXTENDED_POSITION =
  FOLDER_PROPERTIES.findIndex((p) => p.uri === 'folder:ChildFolderCount') + 1;

export const FOLDER_PROPERTY_BY_URI: ReadonlyMap<string, FolderPropertyDef> = new Map(
  FOLDER_PROPERTIES.map((p) => [p.uri, p]),
);

/** The folder element for a folder class (CalendarFolder, ContactsFolder and SearchFolder have no UnreadCount). */
export function folderElementName(
  folderClass: string,
): 'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'TasksFolder' {
  if (folderClass.startsWith('IPF.Appointment')) return 'CalendarFolder';
  if (folderClass.startsWith('IPF.Contact')) return 'ContactsFolder';
  if (folderClass.startsWith('IPF.Task')) return 'TasksFolder';
  return 'Folder';
}
