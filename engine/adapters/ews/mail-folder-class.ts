/**
 * Whether a folder of this class is a mail folder in the port's sense: IPF.Note or a subclass
 * (IPF.Note.OutlookHomepage, …), the folders Graph lists as mailFolders. Calendar (IPF.Appointment),
 * Contacts (IPF.Contact), Tasks (IPF.Task), Notes (IPF.StickyNote) and Journal (IPF.Journal) are not.
 */
export function isMailFolderClass(folderClass: string | undefined | null): boolean {
  return folderClass === 'IPF.Note' || (folderClass ?? '').startsWith('IPF.Note.');
}
