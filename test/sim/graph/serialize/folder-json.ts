import type { FolderView } from '../../model/index.ts';

/** A folder as a Graph `mailFolder` (https://learn.microsoft.com/graph/api/resources/mailfolder). */
export function mailFolderJson(folder: FolderView): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.mailFolder',
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentId ?? null,
    childFolderCount: folder.childFolderCount,
    unreadItemCount: folder.unreadCount,
    totalItemCount: folder.totalCount,
    isHidden: false,
  };
}

/** A calendar folder as a Graph `calendar` (https://learn.microsoft.com/graph/api/resources/calendar). */
export function calendarJson(
  folder: FolderView,
  owner: { name: string; address: string },
  isDefault: boolean,
): Record<string, unknown> {
  return {
    id: folder.id,
    name: folder.displayName,
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: isDefault,
    changeKey: folder.changeKey,
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: !isDefault,
    owner: { name: owner.name, address: owner.address },
  };
}
