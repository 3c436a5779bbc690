import type { ExtendedProperty } from '../../model/extended-property.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolderIn } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { parseExtendedProperty } from '../properties/extended-field-uri.ts';
import { writeFolderId } from '../properties/write-folder.ts';
import { childrenNamed, childText } from '../xml/xml-tree.ts';
import { el } from '../xml/xml-writer.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * CreateFolder: https://learn.microsoft.com/exchange/client-developer/web-service-reference/createfolder-operation
 * A name already used under the parent gives ErrorFolderExists.
 */
const DEFAULT_CLASS: Record<string, string> = {
  Folder: 'IPF.Note',
  CalendarFolder: 'IPF.Appointment',
  ContactsFolder: 'IPF.Contact',
  TasksFolder: 'IPF.Task',
  SearchFolder: 'IPF.Note',
};

export const createFolder: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'CreateFolder';
    const folders = required(ctx.request, 'Folders').children;
    const parentElement = required(ctx.request, 'ParentFolderId');
    const messages = folders.map((folderElement) =>
      perItem(op, () => {
        const parent = resolveFolderIn(ctx, parentElement, 'ErrorParentFolderNotFound');
        const displayName = childText(folderElement, 'DisplayName');
        if (!displayName?.trim()) throw new EwsError('ErrorInvalidRequest', 'A folder needs a DisplayName.');
        if (folderElement.name === 'SearchFolder')
          throw new EwsError('ErrorInvalidOperation', 'Search folders are not supported by the simulator.');
        const extendedProperties: ExtendedProperty[] = childrenNamed(folderElement, 'ExtendedProperty').map(
          (e) => parseExtendedProperty(e).property,
        );
        const created = viaModel(() =>
          ctx.model.createFolder(parent.id, {
            displayName,
            folderClass:
              childText(folderElement, 'FolderClass')?.trim() ||
              (DEFAULT_CLASS[folderElement.name] ?? 'IPF.Note'),
            extendedProperties,
          }),
        );
        return successMessage(op, el('m:Folders', undefined, writeFolderId(created)));
      }),
    );
    return responseEnvelope(op, messages);
  },
};
