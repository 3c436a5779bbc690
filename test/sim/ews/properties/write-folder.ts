import { extendedPropertyKey } from '../../model/extended-property.ts';
import type { MailboxModel } from '../../model/model.ts';
import type { FolderView } from '../../model/views.ts';
import { el } from '../xml/xml-writer.ts';
import { writeExtendedProperty } from './extended-field-uri.ts';
import { FOLDER_EXTENDED_POSITION, FOLDER_PROPERTIES, folderElementName } from './folder-properties.ts';
import type { Shape } from './shape.ts';
import { folderFields } from './shape.ts';

/** Serialises a folder with the properties a shape asks for. */
export function writeFolder(model: MailboxModel, folder: FolderView, shape: Shape): string {
  const fields = folderFields(shape);
  const elementName = folderElementName(folder.folderClass);
  let extended = '';
  for (const request of shape.extended) {
    const property = folder.extendedProperties.find((p) => p.key === extendedPropertyKey(request.name));
    if (property && property.type === request.type) extended += writeExtendedProperty(request, property);
  }
  let content = '';
  FOLDER_PROPERTIES.forEach((def, index) => {
    if (index === FOLDER_EXTENDED_POSITION) content += extended;
    // CalendarFolder and ContactsFolder have no UnreadCount element.
    if (
      def.uri === 'folder:UnreadCount' &&
      (elementName === 'CalendarFolder' || elementName === 'ContactsFolder')
    )
      return;
    if (fields.has(def.uri)) content += def.write(folder, model);
  });
  return el(`t:${elementName}`, undefined, content);
}

export function writeFolderId(folder: FolderView): string {
  return el(
    `t:${folderElementName(folder.folderClass)}`,
    undefined,
    el('t:FolderId', { Id: folder.id, ChangeKey: folder.changeKey }),
  );
}
