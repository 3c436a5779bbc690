import { extendedPropertyKey } from '../../model/extended-property.ts';
import { isWritableProperty } from '../../model/mapi-properties.ts';
import type { FolderPatch } from '../../model/model-types.ts';
import type { EwsContext } from '../context.ts';
import { EwsError } from '../protocol/ews-error.ts';
import { resolveFolder } from '../protocol/ids.ts';
import { viaModel } from '../protocol/model-errors.ts';
import { perItem, responseEnvelope, successMessage } from '../protocol/response-message.ts';
import { parseExtendedFieldUri, parseExtendedProperty } from '../properties/extended-field-uri.ts';
import { writeFolderId } from '../properties/write-folder.ts';
import type { XmlElement } from '../xml/xml-tree.ts';
import { el } from '../xml/xml-writer.ts';
import { required } from './common.ts';
import type { OperationSpec } from './operation.ts';

/**
 * UpdateFolder: https://learn.microsoft.com/exchange/client-developer/web-service-reference/updatefolder-operation
 * SetFolderField on folder:DisplayName and on extended properties, DeleteFolderField on extended
 * properties (https://learn.microsoft.com/exchange/client-developer/web-service-reference/setfolderfield,
 * .../deletefolderfield). AppendToFolderField "is not implemented" by Exchange (see its reference page),
 * and other first-class folder properties are read-only or not simulated: ErrorInvalidPropertySet.
 * The folder gets a new ChangeKey and SyncFolderHierarchy reports it as an Update.
 */

const FOLDER_ELEMENTS = new Set([
  'Folder',
  'CalendarFolder',
  'ContactsFolder',
  'TasksFolder',
  'SearchFolder',
]);
const PATH_NAMES = new Set(['FieldURI', 'ExtendedFieldURI', 'IndexedFieldURI']);

function pathOf(change: XmlElement): XmlElement {
  const path = change.children.find((c) => PATH_NAMES.has(c.name));
  if (!path) throw new EwsError('ErrorInvalidRequest', `${change.name} needs a property path.`);
  return path;
}

/** The single property inside the t:Folder (or CalendarFolder, …) of a SetFolderField. */
function newValue(change: XmlElement): XmlElement {
  const folder = change.children.find((c) => FOLDER_ELEMENTS.has(c.name));
  if (!folder) throw new EwsError('ErrorInvalidRequest', 'SetFolderField needs a folder with the new value.');
  const [property, ...more] = folder.children;
  if (!property || more.length) throw new EwsError('ErrorIncorrectUpdatePropertyCount');
  return property;
}

function setField(change: XmlElement): FolderPatch {
  const path = pathOf(change);
  const property = newValue(change);
  if (path.name === 'ExtendedFieldURI') {
    const requested = parseExtendedFieldUri(path);
    if (property.name !== 'ExtendedProperty') throw new EwsError('ErrorUpdatePropertyMismatch');
    const parsed = parseExtendedProperty(property);
    if (parsed.property.key !== extendedPropertyKey(requested.name))
      throw new EwsError('ErrorUpdatePropertyMismatch');
    if (!isWritableProperty(parsed.property.name)) throw new EwsError('ErrorInvalidPropertySet');
    return { setExtendedProperties: [parsed.property] };
  }
  if (path.attrs['FieldURI'] !== 'folder:DisplayName') throw new EwsError('ErrorInvalidPropertySet');
  if (property.name !== 'DisplayName') throw new EwsError('ErrorUpdatePropertyMismatch');
  if (!property.text.trim()) throw new EwsError('ErrorInvalidRequest', 'A folder needs a DisplayName.');
  return { displayName: property.text };
}

function deleteField(change: XmlElement): FolderPatch {
  const path = pathOf(change);
  if (path.name !== 'ExtendedFieldURI') throw new EwsError('ErrorInvalidPropertyDelete');
  return { removeExtendedProperties: [extendedPropertyKey(parseExtendedFieldUri(path).name)] };
}

function patchOf(update: XmlElement): FolderPatch {
  if (update.name === 'SetFolderField') return setField(update);
  if (update.name === 'DeleteFolderField') return deleteField(update);
  throw new EwsError('ErrorInvalidPropertyAppend', 'Append action is invalid for property.');
}

function merge(patches: readonly FolderPatch[]): FolderPatch {
  const merged: FolderPatch = {};
  for (const patch of patches) {
    if (patch.displayName !== undefined) merged.displayName = patch.displayName;
    if (patch.setExtendedProperties)
      merged.setExtendedProperties = [
        ...(merged.setExtendedProperties ?? []),
        ...patch.setExtendedProperties,
      ];
    if (patch.removeExtendedProperties)
      merged.removeExtendedProperties = [
        ...(merged.removeExtendedProperties ?? []),
        ...patch.removeExtendedProperties,
      ];
  }
  return merged;
}

export const updateFolder: OperationSpec = {
  needsMailbox: true,
  handle: (ctx: EwsContext) => {
    const op = 'UpdateFolder';
    const messages = required(ctx.request, 'FolderChanges').children.map((change) =>
      perItem(op, () => {
        const idElement = change.children.find(
          (c) => c.name === 'FolderId' || c.name === 'DistinguishedFolderId',
        );
        if (!idElement) throw new EwsError('ErrorInvalidRequest', 'A FolderChange needs a folder id.');
        const folder = resolveFolder(ctx, idElement);
        const patch = merge(required(change, 'Updates').children.map(patchOf));
        // Renaming a distinguished folder has no documented code; Exchange refuses it as an invalid operation.
        const updated = viaModel(() => ctx.model.updateFolder(folder.id, patch), {
          distinguishedFolder: 'ErrorInvalidOperation',
        });
        return successMessage(op, el('m:Folders', undefined, writeFolderId(updated)));
      }),
    );
    return responseEnvelope(op, messages);
  },
};
